package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

class ChebyshevDistanceTest extends SimilarityTestCase {

    @Override
    Similarity metric() {
        return Similarities.chebyshev();
    }

    @Test
    void isTheLargestAbsoluteDifference() {
        assertEquals(4.0, metric().distance(new float[] {1, -2, 3}, new float[] {4, 0, -1}));
    }

    @Test
    void zeroVectorIsAtTheLargestMagnitude() {
        assertEquals(7.0, metric().distance(new float[3], new float[] {-1, -7, 3}));
    }
}
