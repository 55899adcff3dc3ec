package org.cbir.nets;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.cbir.core.ComponentSpec;
import org.cbir.core.BatchedFeatureExtractor;
import org.cbir.core.Persistent;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;
import org.cbir.core.io.CorruptFileException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Signatures from a network fine-tuned on the user's labels (Araujo et al.: ImageNet networks
 * and the LeNet "fine-tuned" with learning rate 0.008 and decay 0.0004): a {@link BaseNetwork}
 * whose classifier is replaced by a new softmax layer for the user's classes, whose layers up to
 * a chosen one stay frozen, and whose other layers are trained with Deeplearning4j's transfer
 * learning ({@link TransferGraph}, {@link FineTuneTrainer}). The signature is the output of the
 * chosen layer of the fine-tuned network, averaged over space when it has a spatial extent, as
 * in {@link PretrainedExtractor}; that layer is the new classifier's input, so the base's
 * layers after it are dropped.
 *
 * <pre>{@code
 * PretrainedExtractor resnet = PretrainedExtractor.builder().model(PretrainedModel.RESNET50)
 *         .weights(PretrainedWeights.file(Path.of("resnet50_dl4j_inference.v3.zip"))).build();
 * FineTunedExtractor untuned = FineTunedExtractor.builder(BaseNetwork.of(resnet)).maxEpochs(5).build();
 * FineTunedExtractor tuned = untuned.fit(training, progress);   // or pipeline.fit(training)
 * tuned.epochLosses();                                            // [1.31, 0.74, ...]
 * float[] signature = tuned.extract(image);                       // 2048 values (avgpool)
 * }</pre>
 *
 * <p>An instance built by the {@link Builder} is not tuned: {@link #isTrainable()} is true and
 * {@link #extract} fails until {@link #fit} returns the tuned extractor, whose
 * {@link #isTrainable()} is false (it is used as it is). Saving writes the network (the tuned
 * one, or the base before tuning) into the pipeline's directory as one checksummed file
 * ({@value FineTunedModelFile#FILE_NAME}), so a saved pipeline needs neither the base's weights
 * file nor the base store; {@link NetsComponents} restores it.
 *
 * <p>Thread-safe: images are converted in the calling threads and the forward pass is
 * serialised by a lock. Immutable otherwise; returned arrays and lists belong to the caller or
 * are unmodifiable.
 */
public final class FineTunedExtractor implements BatchedFeatureExtractor, Persistent {
    /** The spec type. */
    public static final String TYPE = "fine-tuned";
    /** The progress stage of fine-tuning; {@code done} counts finished epochs of {@code maxEpochs}. */
    public static final String TRAINING_STAGE = "fine-tuning";

    private final String baseName;
    private final String baseWeights;
    private final NetworkInputFormat format;
    private final FineTuneOptions options;
    private final BaseNetwork base;
    private final ComputationGraph network;
    private final List<String> classes;
    private final List<Double> epochLosses;
    private final int dimension;
    private final ReentrantLock forwardLock = new ReentrantLock();

    private FineTunedExtractor(String baseName, String baseWeights, NetworkInputFormat format, FineTuneOptions options,
            BaseNetwork base, ComputationGraph network, List<String> classes, List<Double> epochLosses) {
        this.baseName = baseName;
        this.baseWeights = baseWeights;
        this.format = format;
        this.options = options;
        this.base = base;
        this.network = network;
        this.classes = List.copyOf(classes);
        this.epochLosses = List.copyOf(epochLosses);
        this.dimension = GraphSignatures.dimension(network != null ? network : base.graph(), format,
                options.signatureLayer());
    }

    /** A builder that fine-tunes {@code base}, with the paper's learning rate and decay. */
    public static Builder builder(BaseNetwork base) {
        return new Builder(Objects.requireNonNull(base, "base"));
    }

    /**
     * Restores an extractor that {@link #save} wrote into {@code state}.
     *
     * @throws IllegalArgumentException if the spec is not a valid {@value #TYPE} spec
     * @throws NoSuchFileException if {@code state} is null or holds no model file
     * @throws CorruptFileException if the model file is damaged or does not match the spec
     */
    public static FineTunedExtractor restore(ComponentSpec spec, Path state) throws IOException {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not a " + TYPE + " spec: " + spec);
        }
        FineTuneOptions options = optionsOf(spec);
        NetworkInputFormat format = new NetworkInputFormat(spec.requireInt("width"), spec.requireInt("height"),
                spec.requireInt("channels"),
                NetworkInputFormat.parse(ImagePreprocessing.class, "preprocessing", spec.require("preprocessing")),
                NetworkInputFormat.parse(SmallImagePolicy.class, "small-image policy", spec.require("policy")));
        String baseName = spec.require("base");
        String baseWeights = spec.parameters().get("base-weights");
        if (state == null) {
            throw new NoSuchFileException(FineTunedModelFile.FILE_NAME, null,
                    "a fine-tuned extractor is restored from the network its pipeline saved, and there is none");
        }
        Path file = state.resolve(FineTunedModelFile.FILE_NAME);
        FineTunedModelFile.Contents contents = FineTunedModelFile.read(file);
        ComputationGraph graph = contents.network();
        if (!contents.tuned()) {
            try {
                TransferGraph.validate(graph.getConfiguration(), baseName, options.signatureLayer(), options.frozenUpTo());
            } catch (IllegalArgumentException e) {
                throw new CorruptFileException(file, "its base network does not match the spec: " + e.getMessage());
            }
            BaseNetwork base = BaseNetwork.restored(baseName, baseWeights, graph, format, options.signatureLayer(),
                    options.frozenUpTo());
            return new FineTunedExtractor(baseName, baseWeights, format, options, base, null, List.of(), List.of());
        }
        if (graph.getVertex(options.signatureLayer()) == null || graph.getVertex(TransferGraph.OUTPUT) == null) {
            throw new CorruptFileException(file, "it holds no fine-tuned network with the layers '"
                    + options.signatureLayer() + "' and '" + TransferGraph.OUTPUT + "'");
        }
        long outputs = graph.getLayer(TransferGraph.OUTPUT).getParam("b").length();
        if (outputs != contents.classes().size()) {
            throw new CorruptFileException(file, "its network has " + outputs + " outputs but the file names "
                    + contents.classes().size() + " classes");
        }
        return new FineTunedExtractor(baseName, baseWeights, format, options, null, graph, contents.classes(),
                contents.epochLosses());
    }

    private static FineTuneOptions optionsOf(ComponentSpec spec) {
        long seed = spec.requireLong("seed");
        return new FineTuneOptions(spec.require("layer"), spec.require("frozen-up-to"),
                spec.requireDouble("learning-rate"), spec.requireDouble("decay"),
                NetworkInputFormat.parse(ScheduleType.class, "decay unit", spec.require("decay-per")),
                spec.requireInt("max-epochs"), spec.requireDouble("loss-threshold"), spec.requireInt("batch-size"), seed,
                Augmentation.parse(spec.require("augmentation")));
    }

    /** The base network's name ({@link BaseNetwork#name()}). */
    public String baseName() {
        return baseName;
    }

    /** How this extractor is (or was) fine-tuned, defaults resolved. */
    public FineTuneOptions options() {
        return options;
    }

    /** What the network reads. */
    public NetworkInputFormat format() {
        return format;
    }

    /** Whether {@link #fit} has fine-tuned this extractor's network. */
    public boolean isTuned() {
        return network != null;
    }

    /** The class labels of the new classifier, by output index; empty before fine-tuning. */
    public List<String> classes() {
        return classes;
    }

    /** The mean training loss of each epoch fine-tuning ran, in order; empty before fine-tuning. */
    public List<Double> epochLosses() {
        return epochLosses;
    }

    /** The fine-tuned network (null before fine-tuning), for this package's tests; callers must not modify or run it. */
    ComputationGraph network() {
        return network;
    }

    /**
     * {@code fine-tuned(base, base-weights, layer, frozen-up-to, input format, training options)}:
     * the base and everything that shapes the fine-tuning (the training images aside).
     */
    @Override
    public ComponentSpec spec() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("base", baseName);
        if (baseWeights != null) {
            p.put("base-weights", baseWeights);
        }
        p.put("layer", options.signatureLayer());
        p.put("frozen-up-to", options.frozenUpTo());
        p.put("width", format.width());
        p.put("height", format.height());
        p.put("channels", format.channels());
        p.put("preprocessing", NetworkInputFormat.specValue(format.preprocessing()));
        p.put("policy", NetworkInputFormat.specValue(format.policy()));
        p.put("learning-rate", number(options.learningRate()));
        p.put("decay", number(options.decay()));
        p.put("decay-per", NetworkInputFormat.specValue(options.decayPer()));
        p.put("max-epochs", options.maxEpochs());
        p.put("loss-threshold", number(options.lossThreshold()));
        p.put("batch-size", options.batchSize());
        p.put("seed", options.seed());
        p.put("augmentation", options.augmentation());
        Object[] pairs = new Object[p.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> e : p.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        return ComponentSpec.of(TYPE, pairs);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    /** The channels of the signature layer (its flattened size when it has no spatial extent). */
    @Override
    public int dimension() {
        return dimension;
    }

    /** True before fine-tuning, false after: a tuned extractor is used as it is. */
    @Override
    public boolean isTrainable() {
        return network == null;
    }

    /**
     * Fine-tunes the base on {@code training} (every image labelled, at least two labels) and
     * returns the tuned extractor; this instance is unchanged. Takes minutes for the large
     * networks on a CPU; interrupt the thread to cancel.
     *
     * @throws IllegalStateException if this extractor is already tuned
     * @throws IllegalArgumentException if the collection is empty, not fully labelled or has one label
     * @throws java.io.UncheckedIOException if a training image cannot be read
     */
    @Override
    public FineTunedExtractor fit(ImageCollection training, ProgressListener progress) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(progress, "progress");
        if (network != null) {
            throw new IllegalStateException("this extractor is already fine-tuned; fine-tune its base instead");
        }
        FineTuneTrainer.Result result = new FineTuneTrainer(base, options).train(training, progress);
        return new FineTunedExtractor(baseName, baseWeights, format, options, null, result.network(),
                result.classes(), result.epochLosses());
    }

    /** @throws IllegalStateException if this extractor is not tuned */
    @Override
    public float[] extract(Image image) {
        Objects.requireNonNull(image, "image");
        return extractAll(List.of(image)).get(0);
    }

    /**
     * The signatures of many images, one forward pass per {@link FineTuneOptions#batchSize()} images.
     *
     * @return one new array per image, in order, owned by the caller
     * @throws IllegalStateException if this extractor is not tuned
     */
    @Override
    public List<float[]> extractAll(List<Image> images) {
        Objects.requireNonNull(images, "images");
        if (network == null) {
            throw new IllegalStateException("this extractor is not fine-tuned: call fit(training, progress) first");
        }
        return GraphSignatures.extractAll(network, format, options.signatureLayer(), dimension, options.batchSize(),
                images, forwardLock);
    }

    /** Writes the tuned network, or the base before tuning, with classes and losses into {@code directory}. */
    @Override
    public void save(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        forwardLock.lock();
        try {
            FineTunedModelFile.write(directory.resolve(FineTunedModelFile.FILE_NAME), new FineTunedModelFile.Contents(
                    network != null, classes, epochLosses, network != null ? network : base.graph()));
        } finally {
            forwardLock.unlock();
        }
    }

    @Override
    public String toString() {
        return (isTuned() ? "tuned " : "untuned ") + spec();
    }

    /**
     * Configures a {@link FineTunedExtractor}; every setter documents its default. Not
     * thread-safe; {@link #build()} validates and returns an extractor that is not tuned yet.
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
        public FineTunedExtractor build() {
            String layer = signatureLayer != null ? signatureLayer : base.signatureLayer();
            String frozen = frozenUpTo != null ? frozenUpTo : base.frozenUpTo();
            if (frozen == null) {
                throw new IllegalArgumentException("the " + base.name() + " network has no default layer to freeze up"
                        + " to; name one with frozenUpTo(...)");
            }
            FineTuneOptions options = new FineTuneOptions(layer, frozen, learningRate, decay, decayPer, maxEpochs,
                    lossThreshold, batchSize, seed, augmentation);
            TransferGraph.validate(base.graph().getConfiguration(), base.name(), layer, frozen);
            return new FineTunedExtractor(base.name(), base.weights(), base.format(), options, base, null, List.of(),
                    List.of());
        }
    }
}
