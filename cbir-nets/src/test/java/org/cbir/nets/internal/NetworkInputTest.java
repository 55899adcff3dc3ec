package org.cbir.nets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class NetworkInputTest {

    @Test
    void standardiseGivesZeroMeanAndUnitVarianceInItsRangeOnly() {
        // Values 1, 2, 3, 4 after two untouched ones: mean 2.5, population std sqrt(1.25).
        float[] values = {9, 9, 1, 2, 3, 4};
        NetworkInput.standardise(values, 2, 4);
        double s = Math.sqrt(1.25);
        assertArrayEquals(new float[] {9, 9, (float) (-1.5 / s), (float) (-0.5 / s), (float) (0.5 / s),
                (float) (1.5 / s)}, values, 1e-6f);
    }

    @Test
    void aConstantImageBecomesZeros() {
        float[] values = {0.3f, 0.3f, 0.3f};
        NetworkInput.standardise(values, 0, 3);
        assertArrayEquals(new float[3], values);
    }
}
