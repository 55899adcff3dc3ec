package org.cbir.nets.pretrained;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Persistent;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;
import org.cbir.core.io.StoreDirectory;
import org.cbir.nets.train.Augmentation;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The recipe of a fine-tuned network (Araujo et al.: ImageNet networks and the LeNet
 * "fine-tuned" with learning rate 0.008 and decay 0.0004): a {@link BaseNetwork} and the
 * {@link FineTuneOptions} to tune it with. {@link #fit} trains a copy on the user's labels and
 * returns the {@link FineTunedExtractor} that extracts with it; the recipe and its base never change.
 *
 * <pre>{@code
 * PretrainedExtractor resnet = PretrainedExtractor.builder().model(PretrainedModel.RESNET50)
 *         .weights(PretrainedWeights.file(Path.of("resnet50_dl4j_inference.v3.zip"))).build();
 * FineTuning recipe = FineTuning.builder(BaseNetwork.of(resnet)).maxEpochs(5).build();
 * FineTunedExtractor tuned = recipe.fit(training, progress);   // or pipeline.fit(training)
 * tuned.epochLosses();                                          // [1.31, 0.74, ...]
 * }</pre>
 *
 * <p>A recipe is a {@link FeatureExtractor} only so that a {@link org.cbir.core.RetrievalPipeline}
 * can hold it until its {@code fit}: {@link #isTrainable()} is true and {@link #extract} is
 * unsupported. It is {@link Persistent}: saving writes the base network into the pipeline's
 * directory ({@value FineTunedModelFile#FILE_NAME}, marked untuned), so a pipeline saved before
 * fitting needs neither the base's weights file nor the base store. Immutable and thread-safe.
 */
public final class FineTuning implements FeatureExtractor, Persistent {
    private final BaseNetwork base;
    private final FineTuneOptions options;
    private final int dimension;

    FineTuning(BaseNetwork base, FineTuneOptions options) {
        this.base = base;
        this.options = options;
        this.dimension = GraphSignatures.dimension(base.graph(), base.format(), options.signatureLayer());
    }

    /** A builder that fine-tunes {@code base}, with the paper's learning rate and decay. */
    public static Builder builder(BaseNetwork base) {
        return new Builder(Objects.requireNonNull(base, "base"));
    }

    /** The network that {@link #fit} tunes a copy of. */
    public BaseNetwork base() {
        return base;
    }

    /** How {@link #fit} tunes, defaults resolved. */
    public FineTuneOptions options() {
        return options;
    }

    /** {@link FineTunedExtractor#spec()} of the extractor {@link #fit} returns. */
    @Override
    public ComponentSpec spec() {
        return FineTunedExtractor.spec(base.name(), base.weights(), base.format(), options);
    }

    /** The channels of the signature layer (its flattened size when it has no spatial extent). */
    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public boolean isTrainable() {
        return true;
    }

    /**
     * Fine-tunes a copy of the base on {@code training} (every image labelled, at least two
     * labels) and returns the tuned extractor. Takes minutes for the large networks on a CPU;
     * interrupt the thread to cancel.
     *
     * @throws IllegalArgumentException if the collection is empty, not fully labelled or has one label
     * @throws java.io.UncheckedIOException if a training image cannot be read
     */
    @Override
    public FineTunedExtractor fit(ImageCollection training, ProgressListener progress) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(progress, "progress");
        FineTuneTrainer.Result result = new FineTuneTrainer(base, options).train(training, progress);
        return new FineTunedExtractor(base.name(), base.weights(), base.format(), options, result.network(),
                result.classes(), result.epochLosses());
    }

    /**
     * Unsupported: a recipe has no tuned network.
     *
     * @throws UnsupportedOperationException always, saying that {@link #fit} returns the extractor
     */
    @Override
    public float[] extract(Image image) {
        throw new UnsupportedOperationException("the fine-tuning recipe " + spec()
                + " has no tuned network: fit(training, progress) returns the FineTunedExtractor that extracts");
    }

    /** Writes the base network into {@code directory}, marked untuned. */
    @Override
    public void save(StoreDirectory directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        FineTunedModelFile.write(directory,
                new FineTunedModelFile.Contents(false, List.of(), List.of(), base.graph()));
    }

    @Override
    public String toString() {
        return "recipe " + spec();
    }

    /**
     * Configures a {@link FineTuning}; every setter documents its default. Not thread-safe;
     * {@link #build()} validates.
     */
    public static final class Builder {
        private final BaseNetwork base;
        private String signatureLayer;
        private String frozenUpTo;
        private double learningRate = FineTuneOptions.PAPER_LEARNING_RATE;
        private double decay = FineTuneOptions.PAPER_DECAY;
        private ScheduleType decayPer = ScheduleType.ITERATION;
        private int maxEpochs = 10;
        private double lossThreshold = 0.1;
        private int batchSize = 16;
        private long seed = 42;
        private Augmentation augmentation = Augmentation.none();

        private Builder(BaseNetwork base) {
            this.base = base;
        }

        /** The signature layer and the new classifier's input (default the base's {@link BaseNetwork#signatureLayer()}). */
        public Builder signatureLayer(String signatureLayer) {
            this.signatureLayer = Objects.requireNonNull(signatureLayer, "signatureLayer");
            return this;
        }

        /**
         * The last frozen layer (default {@link BaseNetwork#frozenUpTo()}); layers closer to the
         * signature learn. A later layer trains less and faster; the network's input name freezes nothing.
         */
        public Builder frozenUpTo(String frozenUpTo) {
            this.frozenUpTo = Objects.requireNonNull(frozenUpTo, "frozenUpTo");
            return this;
        }

        /** Initial SGD learning rate (default 0.008, the paper's). */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Inverse-time decay, see {@link FineTuneOptions#decay()} (default 0.0004, the paper's). */
        public Builder decay(double decay) {
            this.decay = decay;
            return this;
        }

        /** What one step of the decay is (default {@link ScheduleType#ITERATION}, as in Keras), see {@link FineTuneOptions#decayPer()}. */
        public Builder decayPer(ScheduleType decayPer) {
            this.decayPer = Objects.requireNonNull(decayPer, "decayPer");
            return this;
        }

        /** The most epochs fine-tuning runs (default 10). */
        public Builder maxEpochs(int maxEpochs) {
            this.maxEpochs = maxEpochs;
            return this;
        }

        /** Stop once the epoch loss is below this and no longer falls (default 0.1). */
        public Builder lossThreshold(double lossThreshold) {
            this.lossThreshold = lossThreshold;
            return this;
        }

        /** Mini-batch size for training and extraction (default 16). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of the new classifier's weights, dropout and sample order (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Training-set augmentation (default {@link Augmentation#none()}). */
        public Builder augmentation(Augmentation augmentation) {
            this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first invalid setting: a layer the base does
         *     not have, a frozen-up-to layer that is not before the signature layer, no frozen-up-to
         *     layer for a base without a default, or an invalid number
         */
        public FineTuning build() {
            String layer = signatureLayer != null ? signatureLayer : base.signatureLayer();
            String frozen = frozenUpTo != null ? frozenUpTo : base.frozenUpTo();
            if (frozen == null) {
                throw new IllegalArgumentException("the " + base.name() + " network has no default layer to freeze up"
                        + " to; name one with frozenUpTo(...)");
            }
            FineTuneOptions options = new FineTuneOptions(layer, frozen, learningRate, decay, decayPer, maxEpochs,
                    lossThreshold, batchSize, seed, augmentation);
            TransferGraph.validate(base.graph().getConfiguration(), base.name(), layer, frozen);
            return new FineTuning(base, options);
        }
    }
}
