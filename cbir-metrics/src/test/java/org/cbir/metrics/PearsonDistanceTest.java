package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

class PearsonDistanceTest extends SimilarityTestCase {

    @Override
    Similarity metric() {
        return Similarities.pearson();
    }

    @Test
    void handWorkedExample() {
        // deviations (-1, 0, 1) and (-1, 1, 0): r = 1 / sqrt(2 * 2) = 0.5
        assertEquals(0.5, metric().distance(new float[] {1, 2, 3}, new float[] {1, 3, 2}), 1e-15);
    }

    /** pyCBIR's reference returns r as a distance and so ranks the anti-correlated one first. */
    @Test
    void ranksACorrelatedVectorBeforeAnAntiCorrelatedOne() {
        float[] query = {0.5f, 2, -1, 4, 3};
        float[] correlated = new float[query.length];
        float[] antiCorrelated = new float[query.length];
        float[] unrelated = {1, 1, 2, 1, 1};
        for (int i = 0; i < query.length; i++) {
            correlated[i] = 2 * query[i] + 7;
            antiCorrelated[i] = -query[i];
        }
        assertEquals(0.0, metric().distance(query, correlated), 1e-12);
        assertEquals(2.0, metric().distance(query, antiCorrelated), 1e-12);
        List<float[]> ranked = List.of(antiCorrelated, unrelated, correlated).stream()
                .sorted(Comparator.comparingDouble(v -> metric().distance(query, v)))
                .toList();
        assertEquals(List.of(correlated, unrelated, antiCorrelated), ranked);
    }

    @Test
    void constantVectorsFollowCosinesZeroVectorRule() {
        assertEquals(0.0, metric().distance(new float[] {3, 3, 3}, new float[] {-1, -1, -1}));
        assertEquals(1.0, metric().distance(new float[] {3, 3, 3}, new float[] {1, 2, 3}));
        assertEquals(1.0, metric().distance(new float[] {1, 2, 3}, new float[3]));
        assertEquals(0.0, metric().distance(new float[] {4}, new float[] {9}), "length 1 is constant");
        // 0.1f is not exact in binary; a mean computed naively would leave noise deviations
        assertEquals(0.0, metric().distance(new float[] {0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f},
                new float[] {0.7f, 0.7f, 0.7f, 0.7f, 0.7f, 0.7f, 0.7f}));
    }

    @Test
    void aLargeCommonOffsetDoesNotCancelTheDeviations() {
        float[] a = {100001, 100002, 100003, 100005};
        float[] b = {1, 2, 3, 5};
        assertEquals(0.0, metric().distance(a, b), 1e-12);
        assertTrue(metric().distance(a, new float[] {5, 3, 2, 1}) > 1.9);
    }
}
