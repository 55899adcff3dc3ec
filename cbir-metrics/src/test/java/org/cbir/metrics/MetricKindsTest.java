package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.cbir.core.MetricKind;
import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

/** Each metric's kind, which indexes use to pick their fast paths, and the rule a kind promises. */
class MetricKindsTest {

    @Test
    void everyMetricDeclaresItsKind() {
        Map<String, MetricKind> kinds = new TreeMap<>();
        for (Similarity metric : Metrics.all()) {
            kinds.put(metric.spec().type(), metric.kind());
        }
        Map<String, MetricKind> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("cosine", MetricKind.COSINE),
                Map.entry("euclidean", MetricKind.EUCLIDEAN),
                Map.entry("chi-square", MetricKind.HISTOGRAM),
                Map.entry("kullback-leibler", MetricKind.HISTOGRAM),
                Map.entry("jeffrey", MetricKind.HISTOGRAM),
                Map.entry("kolmogorov-smirnov", MetricKind.HISTOGRAM),
                Map.entry("cramer-von-mises", MetricKind.HISTOGRAM),
                Map.entry("earth-movers", MetricKind.HISTOGRAM)));
        for (String name : kinds.keySet()) {
            expected.putIfAbsent(name, MetricKind.OTHER);
        }
        assertEquals(expected, kinds);
        kinds.forEach((name, kind) -> assertEquals(kind == MetricKind.HISTOGRAM,
                Metrics.isHistogramMetric(Metrics.byName(name)), name));
    }

    @Test
    void euclideanIsTheL2DistanceItsKindPromises() {
        float[] a = {1, -2, 0.5f};
        float[] b = {4, 2, 0.5f};
        assertEquals(5.0, Metrics.byName("euclidean").distance(a, b), 1e-12); // a 3-4-5 triangle
    }
}
