package org.cbir.core.internal;

import java.util.List;
import org.cbir.core.internal.extract.FirstOrderStatistics;
import org.cbir.core.internal.extract.IntensityHistogram;
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
 * Each spec is parsed by its class's {@code fromSpec}, beside the {@code spec()} that writes it.
 */
public final class CoreComponents implements ComponentProvider {

    @Override
    public List<ComponentType<?>> componentTypes() {
        return List.of(
                ComponentType.similarity(CosineDistance.TYPE, (spec, context) -> CosineDistance.fromSpec(spec)),
                ComponentType.index(ExactScanIndex.TYPE, (spec, context) -> ExactScan.fromSpec(spec)),
                ComponentType.extractor(FirstOrderStatistics.TYPE, (spec, context) -> FirstOrderStatistics.fromSpec(spec)),
                ComponentType.extractor(IntensityHistogram.TYPE, (spec, context) -> IntensityHistogram.fromSpec(spec)),
                ComponentType.reducer(ZScore.TYPE, (spec, context) -> ZScore.fromSpec(spec)),
                ComponentType.reducer(MinMaxScaling.TYPE, (spec, context) -> MinMaxScaling.fromSpec(spec)));
    }
}
