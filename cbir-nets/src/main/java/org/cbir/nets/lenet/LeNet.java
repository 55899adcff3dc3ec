package org.cbir.nets.lenet;

import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;

/**
 * The recipe of a LeNet trained from scratch on the user's labelled images: its
 * {@link LeNetOptions} and nothing else. {@link #fit} trains a network and returns the
 * {@link LeNetExtractor} that extracts with it, as {@link org.cbir.core.Reducer#fit} returns a
 * {@link org.cbir.core.Reducer.Fitted}; the recipe itself holds no network and never changes.
 *
 * <pre>{@code
 * LeNet recipe = LeNet.of(LeNetOptions.builder().inputSize(32, 32).maxEpochs(20).seed(7).build());
 * LeNetExtractor trained = recipe.fit(training, progress);   // or pipeline.fit(training)
 * float[] signature = trained.extract(image);
 * }</pre>
 *
 * <p>A recipe is a {@link FeatureExtractor} only so that a {@link org.cbir.core.RetrievalPipeline}
 * can hold it until its {@code fit} (the pipeline refuses to extract before that): its
 * {@link #isTrainable()} is true and {@link #extract} is unsupported. Immutable and thread-safe.
 */
public final class LeNet implements FeatureExtractor {
    private final LeNetOptions options;
    private final int dimension;

    private LeNet(LeNetOptions options) {
        this.options = options;
        this.dimension = options.dimension();
    }

    /** The recipe of a LeNet with these options. */
    public static LeNet of(LeNetOptions options) {
        return new LeNet(Objects.requireNonNull(options, "options"));
    }

    /** The recipe with {@link LeNetOptions#defaults()}. */
    public static LeNet defaults() {
        return of(LeNetOptions.defaults());
    }

    /** How the network is shaped and trained. */
    public LeNetOptions options() {
        return options;
    }

    @Override
    public ComponentSpec spec() {
        return options.spec();
    }

    /** The signature length the trained extractor will have ({@link LeNetOptions#dimension()}). */
    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public boolean isTrainable() {
        return true;
    }

    /**
     * Trains a new network from scratch on {@code training} (every image labelled, at least two
     * labels) and returns the extractor that uses it. The training images are decoded once and
     * held in memory (grey or RGB floats at their own size) while their augmented variants are
     * generated batch by batch. Takes minutes on large collections; interrupt the thread to cancel.
     *
     * @throws IllegalArgumentException if the collection is empty, not fully labelled or has one label
     * @throws java.io.UncheckedIOException if a training image cannot be read
     */
    @Override
    public LeNetExtractor fit(ImageCollection training, ProgressListener progress) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(progress, "progress");
        LeNetTrainer.Result result = new LeNetTrainer(options).train(training, progress);
        return LeNetExtractor.trained(options, result.network(), result.classes(), result.history());
    }

    /**
     * Unsupported: a recipe has no network.
     *
     * @throws UnsupportedOperationException always, saying that {@link #fit} returns the extractor
     */
    @Override
    public float[] extract(Image image) {
        throw new UnsupportedOperationException("the LeNet recipe " + spec()
                + " has no network: fit(training, progress) returns the LeNetExtractor that extracts");
    }

    @Override
    public String toString() {
        return "recipe " + spec();
    }
}
