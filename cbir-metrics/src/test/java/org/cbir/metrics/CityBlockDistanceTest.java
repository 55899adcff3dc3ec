package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

class CityBlockDistanceTest extends SimilarityTestCase {

    @Override
    Similarity metric() {
        return Similarities.cityBlock();
    }

    @Test
    void sumsAbsoluteDifferences() {
        // |1 - 4| + |-2 - 0| + |3 - -1| = 3 + 2 + 4
        assertEquals(9.0, metric().distance(new float[] {1, -2, 3}, new float[] {4, 0, -1}));
    }

    @Test
    void zeroVectorIsAtTheL1Norm() {
        assertEquals(6.0, metric().distance(new float[3], new float[] {-1, 2, -3}));
    }
}
