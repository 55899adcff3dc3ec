package org.cbir.core;

import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;

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
}
