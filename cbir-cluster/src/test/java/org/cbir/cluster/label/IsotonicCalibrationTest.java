package org.cbir.cluster.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsotonicCalibrationTest {

    @Test
    void poolsAdjacentViolatorsByHand() {
        // scores 0.1 0.2 0.3 0.4 with outcomes right, wrong, right, right: 0.1 and 0.2 violate
        // (1 > 0) and pool to 1 of 2; 0.3 and 0.4 are both right and pool to 2 of 2 (non-decreasing
        // steps). Smoothed: (1 + 1) / (2 + 2) = 0.5 and (2 + 1) / (2 + 2) = 0.75.
        IsotonicCalibration c = IsotonicCalibration.fit(new double[] {0.3, 0.1, 0.4, 0.2},
                new boolean[] {true, true, true, false});
        assertEquals(List.of(new IsotonicCalibration.Step(0.1, 0.5, 2), new IsotonicCalibration.Step(0.3, 0.75, 2)),
                c.steps());
        assertEquals(0.5, c.apply(0.05));
        assertEquals(0.5, c.apply(0.25));
        assertEquals(0.75, c.apply(0.3));
        assertEquals(0.75, c.apply(0.9));
        assertEquals(4, c.sampleSize());
    }

    @Test
    void isMonotoneAndMatchesTheRateOfItsSample() {
        long seed = 20261202L;
        Random random = new Random(seed);
        int n = 5000;
        double[] scores = new double[n];
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextDouble();
            right[i] = random.nextDouble() < scores[i] * scores[i];   // P(right | s) = s^2
        }
        IsotonicCalibration c = IsotonicCalibration.fit(scores, right);
        double previous = -1;
        for (double s = 0; s <= 1; s += 0.01) {
            double p = c.apply(s);
            assertTrue(p >= previous, "seed " + seed + ": not monotone at " + s);
            previous = p;
        }
        assertEquals(0.25, c.apply(0.5), 0.08, "seed " + seed);
        assertEquals(0.81, c.apply(0.9), 0.08, "seed " + seed);
    }

    @Test
    void refusesMismatchedOrEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> IsotonicCalibration.fit(new double[0], new boolean[0]));
        assertThrows(IllegalArgumentException.class, () -> IsotonicCalibration.fit(new double[2], new boolean[1]));
    }
}
