package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

class JeffreyDivergenceTest extends SimilarityTestCase {

    @Override
    Similarity metric() {
        return Similarities.jeffrey();
    }

    @Test
    void handWorkedExample() {
        // p = (1/2, 1/2), q = (1/4, 3/4), m = (3/8, 5/8)
        double expected = 0.5 * Math.log(0.5 / 0.375) + 0.5 * Math.log(0.5 / 0.625)
                + 0.25 * Math.log(0.25 / 0.375) + 0.75 * Math.log(0.75 / 0.625);
        assertEquals(expected, metric().distance(new float[] {1, 1}, new float[] {1, 3}), 1e-15);
    }

    /** In nats, not log10 as pyCBIR's code: disjoint histograms are at 2 ln 2, not 2 log10 2. */
    @Test
    void disjointHistogramsAreAtTwoLnTwo() {
        assertEquals(2 * Math.log(2), metric().distance(new float[] {1, 0}, new float[] {0, 1}), 1e-15);
    }

    /** pyCBIR's reference always returns 0: it compares the first histogram with itself. */
    @Test
    void differentHistogramsAreAtPositiveDistance() {
        Random random = new Random(21);
        for (int trial = 0; trial < 50; trial++) {
            float[] a = randomVector(random, 16);
            float[] b = randomVector(random, 16);
            assertTrue(metric().distance(a, b) > 1e-6, "trial " + trial);
        }
    }

    /** pyCBIR's reference also skips bin 0. */
    @Test
    void countsTheFirstBin() {
        assertTrue(metric().distance(new float[] {3, 1, 1}, new float[] {1, 1, 1}) > 0.05);
        assertEquals(metric().distance(new float[] {3, 1, 1}, new float[] {1, 1, 1}),
                metric().distance(new float[] {1, 1, 3}, new float[] {1, 1, 1}), 1e-15);
    }
}
