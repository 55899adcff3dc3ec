package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.junit.jupiter.api.Test;

/** Each metric's kind, which indexes use to pick their fast paths, and the rule a kind promises. */
class SimilarityKindsTest {

    @Test
    void everyMetricDeclaresItsKind() {
        Map<String, SimilarityKind> kinds = new TreeMap<>();
        for (Similarity metric : Similarities.all()) {
            kinds.put(metric.spec().type(), metric.kind());
        }
        Map<String, SimilarityKind> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("cosine", SimilarityKind.COSINE),
                Map.entry("euclidean", SimilarityKind.EUCLIDEAN),
                Map.entry("chi-square", SimilarityKind.HISTOGRAM),
                Map.entry("kullback-leibler", SimilarityKind.HISTOGRAM),
                Map.entry("jeffrey", SimilarityKind.HISTOGRAM),
                Map.entry("kolmogorov-smirnov", SimilarityKind.HISTOGRAM),
                Map.entry("cramer-von-mises", SimilarityKind.HISTOGRAM),
                Map.entry("earth-movers", SimilarityKind.HISTOGRAM)));
        for (String name : kinds.keySet()) {
            expected.putIfAbsent(name, SimilarityKind.OTHER);
        }
        assertEquals(expected, kinds);
        kinds.forEach((name, kind) -> assertEquals(kind == SimilarityKind.HISTOGRAM,
                Similarities.byName(name).kind() == SimilarityKind.HISTOGRAM, name));
    }

    @Test
    void euclideanIsTheL2DistanceItsKindPromises() {
        float[] a = {1, -2, 0.5f};
        float[] b = {4, 2, 0.5f};
        assertEquals(5.0, Similarities.byName("euclidean").distance(a, b), 1e-12); // a 3-4-5 triangle
    }
}
