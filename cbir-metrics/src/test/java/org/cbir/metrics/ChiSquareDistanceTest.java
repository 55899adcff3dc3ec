package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

class ChiSquareDistanceTest extends SimilarityTestCase {

    @Override
    Similarity metric() {
        return Similarities.chiSquare();
    }

    @Test
    void handWorkedExample() {
        // p = (1/2, 1/2), q = (1/4, 3/4): 1/2 ((1/4)^2 / (3/4) + (1/4)^2 / (5/4)) = 1/2 (1/12 + 1/20) = 1/15
        assertEquals(1.0 / 15, metric().distance(new float[] {1, 1}, new float[] {1, 3}), 1e-15);
    }

    /** pyCBIR's statistic sum (a - b)^2 / b is infinite here; the symmetric form reaches its maximum. */
    @Test
    void disjointHistogramsAreAtOneNotInfinity() {
        assertEquals(1.0, metric().distance(new float[] {2, 0, 0}, new float[] {0, 0, 5}), 1e-15);
        assertEquals(1.0, metric().distance(new float[] {0, 0, 5}, new float[] {2, 0, 0}), 1e-15);
    }

    @Test
    void binsEmptyInBothCountNothing() {
        assertEquals(1.0 / 15, metric().distance(new float[] {0, 1, 0, 1, 0}, new float[] {0, 1, 0, 3, 0}), 1e-15);
    }
}
