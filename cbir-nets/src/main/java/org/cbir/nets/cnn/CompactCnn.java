package org.cbir.nets.cnn;

import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;

/**
 * The recipe of a compact CNN trained from scratch ({@link CnnExtractor}): its {@link CnnOptions}
 * and nothing else. {@link #fit} trains a network, on the labels or self-supervised as the
 * options say, and returns the {@link CnnExtractor} that extracts with it, as
 * {@link org.cbir.core.Reducer#fit} returns a {@link org.cbir.core.Reducer.Fitted}.
 *
 * <pre>{@code
 * CnnExtractor trained = CompactCnn.of(CnnOptions.builder().seed(7).build()).fit(training, progress);
 * }</pre>
 *
 * <p>A recipe is a {@link FeatureExtractor} only so that a {@link org.cbir.core.RetrievalPipeline}
 * can hold it until its {@code fit}: {@link #isTrainable()} is true and {@link #extract} is
 * unsupported. Immutable and thread-safe.
 */
public final class CompactCnn implements FeatureExtractor {
    private final CnnOptions options;

    private CompactCnn(CnnOptions options) {
        this.options = options;
    }

    /** The recipe of a CNN with these options. */
    public static CompactCnn of(CnnOptions options) {
        return new CompactCnn(Objects.requireNonNull(options, "options"));
    }

    /** How the network is shaped and trained. */
    public CnnOptions options() {
        return options;
    }

    /** {@link CnnOptions#spec()}: the trained extractor's spec adds the input its training chose. */
    @Override
    public ComponentSpec spec() {
        return options.spec();
    }

    /** The embedding size, {@link CnnOptions#embedding()}. */
    @Override
    public int dimension() {
        return options.embedding();
    }

    @Override
    public boolean isTrainable() {
        return true;
    }

    /**
     * Trains a new network from scratch on {@code training} and returns the extractor that uses
     * it. Supervised training needs every image labelled, at least two classes and two images of
     * each; self-supervised training needs two images and ignores labels. The images are decoded
     * once and held in memory at the network's input size. Takes minutes on large collections;
     * interrupt the thread to cancel.
     *
     * @throws IllegalArgumentException if the collection cannot be trained on (the message says what is missing)
     * @throws IllegalStateException if training diverges (the loss is no longer finite)
     * @throws java.io.UncheckedIOException if a training image cannot be read
     */
    @Override
    public CnnExtractor fit(ImageCollection training, ProgressListener progress) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(progress, "progress");
        return CnnExtractor.trained(options, new CnnTrainer(options).train(training, progress));
    }

    /**
     * Unsupported: a recipe has no network.
     *
     * @throws UnsupportedOperationException always, saying that {@link #fit} returns the extractor
     */
    @Override
    public float[] extract(Image image) {
        throw new UnsupportedOperationException("the " + options.type() + " recipe " + spec()
                + " has no network: fit(training, progress) returns the CnnExtractor that extracts");
    }

    @Override
    public String toString() {
        return "recipe " + spec();
    }
}
