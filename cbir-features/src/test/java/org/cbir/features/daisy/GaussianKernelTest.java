package org.cbir.features.daisy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussianKernelTest {

    @Test
    void radiusIsTruncateTimesSigmaRounded() {
        assertEquals(10, new GaussianKernel(2.5).radius()); // int(4 * 2.5 + 0.5)
        assertEquals(30, new GaussianKernel(7.5).radius());
        assertEquals(2, new GaussianKernel(0.5).radius());
        assertEquals(1, new GaussianKernel(0.3).radius()); // int(1.7)
        assertEquals(0, new GaussianKernel(0.0).radius());
    }

    @Test
    void weightsMatchScipy() {
        // list(scipy.ndimage._filters._gaussian_kernel1d(1.0, 0, 4)), SciPy 1.10.1
        double[] expected = {0.00013383062461474175, 0.0044318616200312655, 0.05399112742070441,
            0.24197144565660073, 0.39894346935609776, 0.24197144565660073, 0.05399112742070441,
            0.0044318616200312655, 0.00013383062461474175};
        assertArrayEquals(expected, new GaussianKernel(1.0).weights(), 1e-16);
    }

    @Test
    void reflectIsHalfSampleSymmetricAndRepeats() {
        // numpy.pad(numpy.arange(4), 5, mode='symmetric'), which is SciPy's 'reflect' extension
        int[] expected = {3, 3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0};
        for (int i = -5; i <= 8; i++) {
            assertEquals(expected[i + 5], GaussianKernel.reflect(i, 4), "index " + i);
        }
        assertEquals(0, GaussianKernel.reflect(-5, 1));
        assertEquals(0, GaussianKernel.reflect(7, 1));
    }
}
