package org.cbir.core.search;

import java.nio.file.Path;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.extract.FirstOrderStatistics;
import org.cbir.core.extract.IntensityHistogram;
import org.cbir.core.spi.ComponentProvider;

/**
 * Restores the components that {@code cbir-core} defines: cosine, the exact index, first-order
 * statistics, the intensity histogram.
 */
public final class CoreComponents implements ComponentProvider {
    private static final String FIRST_ORDER = "first-order-statistics";
    private static final String HISTOGRAM = "intensity-histogram";

    @Override
    public Set<String> types() {
        return Set.of(CosineDistance.TYPE, ExactIndex.TYPE, FIRST_ORDER, HISTOGRAM);
    }

    @Override
    public Object restore(ComponentSpec spec, Path state) {
        return switch (spec.type()) {
            case CosineDistance.TYPE -> new CosineDistance();
            case ExactIndex.TYPE -> new ExactIndexFactory();
            case FIRST_ORDER -> FirstOrderStatistics.withHistogram(spec.requireInt("bins"));
            case HISTOGRAM -> IntensityHistogram.of(spec.requireInt("bins"));
            default -> throw new IllegalArgumentException("not a cbir-core component: " + spec.type());
        };
    }
}
