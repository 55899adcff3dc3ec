package org.cbir.core.internal.extract;

import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;

/**
 * The normalised histogram of an image's grey intensities: {@code bins} bins over the nominal
 * range of its depth (intensities scaled to 0..1, bin {@code min(bins - 1, floor(bins v))}),
 * each the share of the pixels that fall in it, so the entries are non-negative and sum to 1.
 * The signature for the paper's histogram metrics (chi-square, Kullback-Leibler, Jeffrey,
 * Kolmogorov-Smirnov, Cramér-von Mises, earth mover's), which compare distributions; it is the
 * histogram part of {@link FirstOrderStatistics#withHistogram} without the statistics, whose
 * skewness and kurtosis can be negative.
 *
 * <p>More bins resolve finer differences of intensity but leave each bin fewer pixels, so small
 * images give noisier histograms. Immutable and thread-safe.
 */
public final class IntensityHistogram implements FeatureExtractor {
    /** The component type in specs. */
    public static final String TYPE = "intensity-histogram";

    private final int bins;

    private IntensityHistogram(int bins) {
        this.bins = bins;
    }

    /**
     * The {@code bins}-bin histogram.
     *
     * @throws IllegalArgumentException if {@code bins} is not in 1..65536
     */
    public static IntensityHistogram of(int bins) {
        if (bins < 1 || bins > 65_536) {
            throw new IllegalArgumentException("histogram bins must be in 1..65536, got " + bins);
        }
        return new IntensityHistogram(bins);
    }

    /** The number of bins, the signature's dimension. */
    public int bins() {
        return bins;
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE, "bins", bins);
    }

    /** The histogram that {@link #spec()} describes. */
    public static IntensityHistogram fromSpec(ComponentSpec spec) {
        return of(spec.requireInt("bins"));
    }

    @Override
    public int dimension() {
        return bins;
    }

    @Override
    public float[] extract(Image image) {
        float[] signature = new float[bins];
        fill(image.greyIntensities(), bins, signature, 0);
        return signature;
    }

    /**
     * Writes the {@code bins}-bin normalised histogram of intensities {@code v} (0..1) into
     * {@code target[offset .. offset + bins)}, which must hold zeros.
     */
    static void fill(float[] v, int bins, float[] target, int offset) {
        for (float x : v) {
            target[offset + bin(x, bins)] += 1f;
        }
        for (int b = 0; b < bins; b++) {
            target[offset + b] /= v.length;
        }
    }

    /** The bin of intensity {@code value} (0..1) among {@code bins}; out-of-range values clamp. */
    static int bin(float value, int bins) {
        int b = (int) (value * bins);
        return Math.max(0, Math.min(bins - 1, b));
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
