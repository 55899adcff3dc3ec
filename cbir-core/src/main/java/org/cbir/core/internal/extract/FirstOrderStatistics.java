package org.cbir.core.internal.extract;

import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;

/**
 * The intensity-histogram signature of the paper ("histogram features", pyCBIR's
 * {@code fotf}): seven first-order statistics of the grey intensities, optionally followed by
 * their normalised histogram.
 *
 * <p>The image is converted to grey ({@link Image#toGrey()}) and its intensities scaled to
 * 0..1 by the nominal range of its depth, so 8- and 16-bit images of the same scene give the
 * same signature. With {@code v} the intensities of the N pixels, {@code mu} their mean and
 * {@code p} the 256-bin histogram of 0..1 (bin {@code min(255, floor(256 v))}) divided by N,
 * the signature is, in this order:
 * <ol>
 *   <li>entropy {@code -sum p log2 p} over non-empty bins (0..8 bits);</li>
 *   <li>energy (uniformity) {@code sum p^2};</li>
 *   <li>mean {@code mu};</li>
 *   <li>variance {@code m2 = mean((v - mu)^2)} (population variance);</li>
 *   <li>skewness {@code m3 / m2^1.5} (SciPy's {@code skew}, biased);</li>
 *   <li>kurtosis {@code m4 / m2^2 - 3} (SciPy's {@code kurtosis}: Fisher, biased);</li>
 *   <li>roughness {@code 1 - 1 / (1 + m2)} (Gonzalez and Woods' smoothness measure R);</li>
 * </ol>
 * then, when {@code bins > 0}, the {@code bins}-bin histogram of 0..1 divided by N. Skewness and
 * kurtosis of a constant image, where they are undefined, are 0.
 *
 * <p>Unlike the reference implementation, the statistics describe the intensities and not the
 * histogram counts, the histogram spans the nominal range rather than each image's own
 * min..max (so images stay comparable), and energy is not divided by N twice.
 *
 * <p>The statistics have different units (entropy up to 8, variance at most 0.25): rank these
 * signatures after z-score standardisation, or with a metric that does not let one dimension
 * dominate. Skewness and kurtosis can be negative, so the histogram metrics refuse these
 * signatures as they are: give them the {@link IntensityHistogram} alone, or rescale these to
 * 0..1 with {@link org.cbir.core.internal.reduce.MinMaxScaling}. Immutable and thread-safe.
 */
public final class FirstOrderStatistics implements FeatureExtractor {
    /** The component type in specs. */
    public static final String TYPE = "first-order-statistics";
    /** The number of statistics before the optional histogram. */
    public static final int STATISTICS = 7;
    private static final int ENTROPY_BINS = 256;

    private final int bins;

    private FirstOrderStatistics(int bins) {
        if (bins < 0 || bins > 65_536) {
            throw new IllegalArgumentException("histogram bins must be in 0..65536, got " + bins);
        }
        this.bins = bins;
    }

    /** The seven statistics only. */
    public static FirstOrderStatistics statistics() {
        return new FirstOrderStatistics(0);
    }

    /** The seven statistics followed by a {@code bins}-bin normalised histogram. */
    public static FirstOrderStatistics withHistogram(int bins) {
        return new FirstOrderStatistics(bins);
    }

    /** The length of the appended histogram; 0 for none. */
    public int bins() {
        return bins;
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE, "bins", bins);
    }

    /** The extractor that {@link #spec()} describes. */
    public static FirstOrderStatistics fromSpec(ComponentSpec spec) {
        return withHistogram(spec.requireInt("bins"));
    }

    @Override
    public int dimension() {
        return STATISTICS + bins;
    }

    @Override
    public float[] extract(Image image) {
        float[] v = image.greyIntensities();
        int n = v.length;
        double mean = 0;
        long[] counts = new long[ENTROPY_BINS];
        for (float x : v) {
            mean += x;
            counts[IntensityHistogram.bin(x, ENTROPY_BINS)]++;
        }
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (float x : v) {
            double d = x - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double entropy = 0;
        double energy = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                entropy -= p * (Math.log(p) / Math.log(2));
                energy += p * p;
            }
        }
        boolean constant = m2 <= 1e-14;
        float[] signature = new float[dimension()];
        signature[0] = (float) entropy;
        signature[1] = (float) energy;
        signature[2] = (float) mean;
        signature[3] = (float) m2;
        signature[4] = constant ? 0f : (float) (m3 / Math.pow(m2, 1.5));
        signature[5] = constant ? 0f : (float) (m4 / (m2 * m2) - 3.0);
        signature[6] = (float) (1.0 - 1.0 / (1.0 + m2));
        if (bins > 0) {
            IntensityHistogram.fill(v, bins, signature, STATISTICS);
        }
        return signature;
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
