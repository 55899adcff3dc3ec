package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

class EarthMoversDistanceTest extends SimilarityTestCase {

    @Override
    Similarity metric() {
        return Similarities.earthMovers();
    }

    @Test
    void movingAPointMassByKBinsCostsK() {
        for (int k = 0; k < 10; k++) {
            float[] a = new float[10];
            float[] b = new float[10];
            a[0] = 4;
            b[k] = 1;
            assertEquals(k, metric().distance(a, b), 1e-12, "shift " + k);
        }
    }

    @Test
    void splitsMassOverTheCheapestMoves() {
        // move 1/2 from bin 0 to bin 1 and 1/2 from bin 1 to bin 2: cost 1/2 + 1/2
        assertEquals(1.0, metric().distance(new float[] {1, 1, 0}, new float[] {0, 1, 1}), 1e-15);
    }
}
