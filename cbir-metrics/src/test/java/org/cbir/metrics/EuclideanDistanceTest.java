package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

class EuclideanDistanceTest extends SimilarityTestCase {

    @Override
    Similarity metric() {
        return Similarities.euclidean();
    }

    @Test
    void isTheLengthOfTheDifference() {
        assertEquals(5.0, metric().distance(new float[] {0, 0}, new float[] {3, 4}));
        assertEquals(5.0, metric().distance(new float[] {-1, 2}, new float[] {2, -2}));
    }

    @Test
    void zeroVectorIsAtTheNorm() {
        assertEquals(13.0, metric().distance(new float[2], new float[] {-5, 12}));
    }
}
