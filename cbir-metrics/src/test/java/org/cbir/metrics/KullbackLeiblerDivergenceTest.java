package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

class KullbackLeiblerDivergenceTest extends SimilarityTestCase {

    @Override
    Similarity metric() {
        return Similarities.kullbackLeibler();
    }

    @Override
    boolean symmetric() {
        return false;
    }

    @Test
    void handWorkedExampleInBothDirections() {
        Similarity exact = Similarities.kullbackLeibler(0);
        float[] p = {1, 1}; // (1/2, 1/2)
        float[] q = {1, 3}; // (1/4, 3/4)
        // 1/2 ln 2 + 1/2 ln(2/3) = 1/2 ln(4/3);  1/4 ln(1/2) + 3/4 ln(3/2)
        assertEquals(0.5 * Math.log(4.0 / 3), exact.distance(p, q), 1e-15);
        assertEquals(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5), exact.distance(q, p), 1e-15);
        assertEquals(exact.distance(p, q), metric().distance(p, q), 1e-9, "default epsilon barely changes it");
    }

    @Test
    void emptyBinsAreInfiniteWithoutEpsilonAndFiniteWithIt() {
        float[] p = {1, 1};
        float[] q = {1, 0};
        assertEquals(Double.POSITIVE_INFINITY, Similarities.kullbackLeibler(0).distance(p, q));
        assertEquals(Math.log(2), Similarities.kullbackLeibler(0).distance(q, p), 1e-15, "0 ln 0 counts 0");
        double eps = KullbackLeiblerDivergence.DEFAULT_EPSILON;
        // p~ = (1/2 + e, 1/2 + e) / (1 + 2e), q~ = (1 + e, e) / (1 + 2e)
        double expected = ((0.5 + eps) * Math.log((0.5 + eps) / (1 + eps))
                + (0.5 + eps) * Math.log((0.5 + eps) / eps)) / (1 + 2 * eps);
        assertEquals(expected, metric().distance(p, q), 1e-12);
        assertTrue(metric().distance(p, q) < 12, "about ln(1 / epsilon) / 2");
    }

    @Test
    void disjointPointMassesAreAtTheDocumentedMaximum() {
        double eps = 1e-3;
        double expected = Math.log((1 + eps) / eps) / (1 + 4 * eps);
        Similarity kl = Similarities.kullbackLeibler(eps);
        assertEquals(expected, kl.distance(new float[] {1, 0, 0, 0}, new float[] {0, 0, 3, 0}), 1e-12);
        assertEquals(expected, kl.distance(new float[4], new float[] {0, 0, 3, 1}), 1e-12);
    }

    @Test
    void epsilonIsValidatedAndRecordedInTheSpec() {
        for (double bad : new double[] {-1e-12, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Similarities.kullbackLeibler(bad));
            assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
        }
        assertEquals(ComponentSpec.of("kullback-leibler", "epsilon", "1.0E-10"), metric().spec());
        assertEquals(ComponentSpec.of("kullback-leibler", "epsilon", "0.25"), Similarities.kullbackLeibler(0.25).spec());
        assertEquals(Similarities.kullbackLeibler(0.25), Similarities.fromSpec(Similarities.kullbackLeibler(0.25).spec()));
        assertNotEquals(Similarities.kullbackLeibler(0.25), metric());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Similarities.fromSpec(ComponentSpec.of("kullback-leibler")));
        assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Similarities.fromSpec(ComponentSpec.of("kullback-leibler", "epsilon", "tiny")));
        assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
    }
}
