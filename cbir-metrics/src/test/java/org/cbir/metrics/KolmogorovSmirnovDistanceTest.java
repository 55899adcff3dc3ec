package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovDistanceTest extends SimilarityTestCase {

    @Override
    Similarity metric() {
        return Similarities.kolmogorovSmirnov();
    }

    @Test
    void isTheLargestGapBetweenCumulativeSums() {
        // CDFs (1/2, 1, 1, 1) and (0, 1/2, 1, 1)
        assertEquals(0.5, metric().distance(new float[] {1, 1, 0, 0}, new float[] {0, 1, 1, 0}), 1e-15);
        assertEquals(1.0, metric().distance(new float[] {1, 0, 0}, new float[] {0, 0, 1}), 1e-15);
    }

    /** scipy.stats.ks_2samp, used by pyCBIR's code, sees the same values here and gives 0. */
    @Test
    void dependsOnWhichBinHoldsWhichMass() {
        // CDFs (1/6, 1/2, 1) and (1/2, 5/6, 1)
        assertEquals(1.0 / 3, metric().distance(new float[] {1, 2, 3}, new float[] {3, 2, 1}), 1e-15);
    }
}
