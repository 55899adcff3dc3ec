package org.cbir.core.internal;

import java.util.List;
import org.cbir.core.internal.extract.FirstOrderStatistics;
import org.cbir.core.internal.extract.IntensityHistogram;
import org.cbir.core.internal.reduce.FittedMinMax;
import org.cbir.core.internal.reduce.FittedZScore;
import org.cbir.core.internal.reduce.MinMaxScaling;
import org.cbir.core.internal.reduce.ZScore;
import org.cbir.core.internal.search.CosineDistance;
import org.cbir.core.internal.search.ExactScan;
import org.cbir.core.internal.search.ExactScanIndex;
import org.cbir.core.spi.ComponentProvider;
import org.cbir.core.spi.ComponentType;

/**
 * The component types of {@code cbir-core}: the cosine similarity, the exact index, the
 * first-order statistics and intensity histogram extractors, the z-score and min-max reducers.
 * Each spec is parsed by its class's {@code fromSpec}, beside the {@code spec()} that writes it;
 * the fitted reducers and the saved index are read by their classes' {@code load}.
 */
public final class CoreComponents implements ComponentProvider {

    @Override
    public List<ComponentType<?>> componentTypes() {
        return List.of(
                ComponentType.similarity(CosineDistance.TYPE, (spec, context) -> CosineDistance.fromSpec(spec)),
                ComponentType.index(ExactScanIndex.TYPE, (spec, context) -> ExactScan.fromSpec(spec))
                        .withShorthand("exact", ExactScan.DEFAULT.spec()),
                ComponentType.savedIndex(ExactScanIndex.TYPE, (spec, context) -> ExactScan.load(
                        context.requireState(spec), context.requireSimilarity(spec), context.mapFiles())),
                ComponentType.extractor(FirstOrderStatistics.TYPE, (spec, context) -> FirstOrderStatistics.fromSpec(spec)),
                ComponentType.extractor(IntensityHistogram.TYPE, (spec, context) -> IntensityHistogram.fromSpec(spec)),
                ComponentType.reducer(ZScore.TYPE, (spec, context) -> ZScore.fromSpec(spec)),
                ComponentType.fittedReducer(ZScore.TYPE, (spec, context) -> FittedZScore.load(context.requireState(spec))),
                ComponentType.reducer(MinMaxScaling.TYPE, (spec, context) -> MinMaxScaling.fromSpec(spec)),
                ComponentType.fittedReducer(MinMaxScaling.TYPE,
                        (spec, context) -> FittedMinMax.load(context.requireState(spec))));
    }
}
