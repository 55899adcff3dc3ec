package org.cbir.features.daisy;

/**
 * The one-dimensional Gaussian kernel and border rule of SciPy's
 * {@code scipy.ndimage.gaussian_filter} (which scikit-image's {@code gaussian} wraps), so that
 * DAISY's spatial smoothing matches scikit-image's to rounding.
 *
 * <p>The kernel has radius {@code R = (int) (TRUNCATE * sigma + 0.5)} and weights
 * {@code exp(-x^2 / (2 sigma^2))} for {@code x = -R..R}, divided by their sum. A sigma of at
 * most {@code 1e-15} is no smoothing, as SciPy skips such an axis. Samples beyond the border
 * are read in SciPy's {@code 'reflect'} mode (half-sample symmetric, {@code dcba|abcd|dcba}),
 * repeated when the kernel is wider than the image. Immutable.
 */
final class GaussianKernel {
    /** Kernel half-width in standard deviations: SciPy's and scikit-image's default {@code truncate}. */
    static final double TRUNCATE = 4.0;

    private final double sigma;
    private final double[] weights;

    GaussianKernel(double sigma) {
        this.sigma = sigma;
        if (sigma <= 1e-15) {
            weights = new double[] {1.0};
            return;
        }
        int radius = (int) (TRUNCATE * sigma + 0.5);
        weights = new double[2 * radius + 1];
        double sum = 0;
        double factor = -0.5 / (sigma * sigma);
        for (int x = -radius; x <= radius; x++) {
            double w = Math.exp(factor * (x * x));
            weights[x + radius] = w;
            sum += w;
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
    }

    double sigma() {
        return sigma;
    }

    /** Half-width R: the kernel covers offsets {@code -R..R}. */
    int radius() {
        return weights.length / 2;
    }

    /** The weight of offset {@code i - radius()}; shared, callers must not write. */
    double[] weights() {
        return weights;
    }

    /** The index in {@code 0..size-1} that SciPy's {@code 'reflect'} mode reads for {@code index}. */
    static int reflect(int index, int size) {
        int period = 2 * size;
        int i = Math.floorMod(index, period);
        return i < size ? i : period - 1 - i;
    }
}
