package org.cbir.features;

import java.util.List;
import org.cbir.core.spi.ComponentProvider;
import org.cbir.core.spi.ComponentType;
import org.cbir.features.daisy.DaisyExtractor;
import org.cbir.features.fusion.FusedExtractor;
import org.cbir.features.glcm.GreyLevelCooccurrence;
import org.cbir.features.hog.HistogramOfOrientedGradients;
import org.cbir.features.lbp.LocalBinaryPattern;

/**
 * The extractor types of {@code cbir-features}: GLCM, HOG, LBP, DAISY and the fusion of
 * extractors, each restored by its class's {@code fromSpec} (or, for a fusion, {@code restore},
 * which restores its parts through the same registry). Registered in
 * {@code META-INF/services/org.cbir.core.spi.ComponentProvider}; stateless and thread-safe.
 */
public final class FeaturesComponents implements ComponentProvider {

    @Override
    public List<ComponentType<?>> componentTypes() {
        return List.of(
                ComponentType.extractor(GreyLevelCooccurrence.TYPE, (spec, context) -> GreyLevelCooccurrence.fromSpec(spec)),
                ComponentType.extractor(HistogramOfOrientedGradients.TYPE,
                        (spec, context) -> HistogramOfOrientedGradients.fromSpec(spec)),
                ComponentType.extractor(LocalBinaryPattern.TYPE, (spec, context) -> LocalBinaryPattern.fromSpec(spec)),
                ComponentType.extractor(DaisyExtractor.TYPE, (spec, context) -> DaisyExtractor.fromSpec(spec)),
                ComponentType.extractor(FusedExtractor.TYPE, FusedExtractor::restore));
    }
}
