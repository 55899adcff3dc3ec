package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.junit.jupiter.api.Test;

/** Which metrics are histogram metrics, and what their refusal of a negative entry says. */
class HistogramMetricGuidanceTest {

    @Test
    void theSixDistributionMetricsAreTheHistogramMetrics() {
        List<String> histogram = Similarities.all().stream().filter(m -> m.kind() == SimilarityKind.HISTOGRAM)
                .map(m -> m.spec().type()).toList();
        assertEquals(List.of("chi-square", "kullback-leibler", "jeffrey", "kolmogorov-smirnov", "cramer-von-mises",
                "earth-movers"), histogram);
    }

    @Test
    void aNegativeEntryIsRefusedSayingWhatFits() {
        for (Similarity metric : Similarities.all()) {
            if (metric.kind() == SimilarityKind.HISTOGRAM) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> metric.distance(new float[] {0.5f, -0.1f}, new float[] {0.5f, 0.5f}));
                assertTrue(e.getMessage().contains("entry 1 of the first histogram")
                        && e.getMessage().contains("IntensityHistogram") && e.getMessage().contains("MinMaxScaling"),
                        e.getMessage());
            }
        }
    }
}
