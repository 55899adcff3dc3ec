package org.cbir.core;

import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;
import org.cbir.core.internal.extract.FirstOrderStatistics;
import org.cbir.core.internal.extract.IntensityHistogram;

/**
 * Turns an image into a signature: a fixed-length vector of floats whose distances, under a
 * {@link Similarity}, reflect how alike two images look.
 *
 * <p>Implementations must be safe to call from many threads at once: the pipeline extracts a
 * collection in parallel with one shared instance. {@link #extract} returns a fresh array that
 * the caller owns. An extractor accepts grey and RGB images of any size at or above the minimum
 * it documents; an image it cannot use gets an {@link IllegalArgumentException} that says why.
 *
 * <p>Most extractors need no training. One that learns from labelled images (a CNN) returns
 * {@code true} from {@link #isTrainable()} and a new, trained extractor from {@link #fit}; the
 * pipeline then uses the trained one. An extractor with learned state implements
 * {@link Persistent} so that a saved pipeline keeps it; either way it is rebuilt on load by the
 * {@link org.cbir.core.spi.ComponentProvider} that knows its {@link #spec() type}.
 */
public interface FeatureExtractor {

    /** The type and parameters that produce exactly this extractor's signatures. */
    ComponentSpec spec();

    /** The length of every signature this extractor returns. */
    int dimension();

    /**
     * The signature of one image.
     *
     * @return a new array of length {@link #dimension()}, owned by the caller
     * @throws IllegalArgumentException if the image is unusable (too small, wrong channels)
     */
    float[] extract(Image image);

    /** Whether {@link #fit} learns anything; {@code false} for hand-designed descriptors. */
    default boolean isTrainable() {
        return false;
    }

    /**
     * Trains on labelled images and returns the trained extractor; the default, for
     * extractors that learn nothing, returns {@code this}.
     */
    default FeatureExtractor fit(ImageCollection training, ProgressListener progress) {
        return this;
    }

    /**
     * The seven first-order statistics of an image's grey intensities (entropy, energy, mean,
     * variance, skewness, kurtosis, roughness), pyCBIR's {@code fotf} signature; spec type
     * {@code first-order-statistics}. See {@link #firstOrderStatistics(int)} for the definitions.
     */
    static FeatureExtractor firstOrderStatistics() {
        return FirstOrderStatistics.statistics();
    }

    /**
     * The seven first-order statistics followed by the {@code bins}-bin normalised histogram of
     * the grey intensities. Intensities are scaled to 0..1 by the nominal range of the image's
     * depth, so 8- and 16-bit images of one scene give one signature; the statistics are of the
     * intensities (population moments, SciPy's biased skewness and Fisher kurtosis, Gonzalez and
     * Woods' roughness), and skewness and kurtosis of a constant image are 0. Their units differ
     * (rank after z-score standardisation), and skewness and kurtosis can be negative, so the
     * histogram metrics need {@link #intensityHistogram} or {@link Reducer#minMax()} instead.
     * Immutable and thread-safe.
     *
     * @param bins the histogram's length, 0 for the statistics alone
     * @throws IllegalArgumentException if {@code bins} is not in 0..65536
     */
    static FeatureExtractor firstOrderStatistics(int bins) {
        return FirstOrderStatistics.withHistogram(bins);
    }

    /**
     * The normalised histogram of an image's grey intensities: {@code bins} bins over the
     * nominal range of its depth, each the share of the pixels in it (non-negative, summing to
     * 1): the signature for the paper's histogram metrics. Spec type {@code intensity-histogram};
     * immutable and thread-safe.
     *
     * @throws IllegalArgumentException if {@code bins} is not in 1..65536
     */
    static FeatureExtractor intensityHistogram(int bins) {
        return IntensityHistogram.of(bins);
    }
}
