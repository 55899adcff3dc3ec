package org.cbir.core.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CosineDistanceTest {
    private final CosineDistance cosine = new CosineDistance();

    /** 1 - (1*4 + 2*5 + 3*6) / (sqrt(14) sqrt(77)), worked by hand. */
    @Test
    void matchesTheHandWorkedValue() {
        double expected = 1 - 32 / (Math.sqrt(14) * Math.sqrt(77));
        assertEquals(expected, cosine.distance(new float[] {1, 2, 3}, new float[] {4, 5, 6}), 1e-12);
    }

    @Test
    void parallelOppositeAndOrthogonalVectors() {
        assertEquals(0, cosine.distance(new float[] {1, 2}, new float[] {2, 4}), 1e-12);
        assertEquals(2, cosine.distance(new float[] {1, 2}, new float[] {-1, -2}), 1e-12);
        assertEquals(1, cosine.distance(new float[] {1, 0}, new float[] {0, 3}), 1e-12);
    }

    @Test
    void zeroVectorsHaveTheDocumentedDistances() {
        assertEquals(1, cosine.distance(new float[] {0, 0}, new float[] {1, 0}), 0);
        assertEquals(0, cosine.distance(new float[] {0, 0}, new float[] {0, 0}), 0);
    }

    @Test
    void lengthMismatchIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cosine.distance(new float[] {1}, new float[] {1, 2}));
        assertEquals("dimension mismatch: vectors of length 1 and 2", e.getMessage());
    }
}
