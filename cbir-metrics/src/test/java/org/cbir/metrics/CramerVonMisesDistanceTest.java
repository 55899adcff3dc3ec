package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

class CramerVonMisesDistanceTest extends SimilarityTestCase {

    @Override
    Similarity metric() {
        return Similarities.cramerVonMises();
    }

    @Test
    void sumsSquaredGapsBetweenCumulativeSums() {
        // CDFs (1/2, 1, 1, 1) and (0, 1/2, 1, 1): 1/4 + 1/4
        assertEquals(0.5, metric().distance(new float[] {1, 1, 0, 0}, new float[] {0, 1, 1, 0}), 1e-15);
    }

    /** pyCBIR's code uses raw cumulative sums: (2-0)^2 + (4-1)^2 + (4-2)^2 + (4-2)^2 = 21 here. */
    @Test
    void comparesNormalisedCumulativeSums() {
        assertEquals(0.5, metric().distance(new float[] {2, 2, 0, 0}, new float[] {0, 1, 1, 0}), 1e-15);
    }

    @Test
    void opposedPointMassesAreAtNMinusOne() {
        assertEquals(9.0, metric().distance(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                new float[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}), 1e-15);
    }
}
