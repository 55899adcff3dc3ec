package org.cbir.nets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.cbir.core.BatchedFeatureExtractor;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Persistent;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;
import org.cbir.core.io.CorruptFileException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Signatures from a compact modern CNN trained from scratch on the user's images, shaped for
 * nearest-neighbour search: convolution stages with batch normalisation, global average pooling
 * and a linear embedding (128 values by default), L2-normalised ({@link CnnNetwork}). Two ways to
 * train it:
 * <ul>
 *   <li>{@link #builder()}: on the labels, with a cosine softmax with additive margin
 *       ({@link CosineSoftmaxLayer}), validation-driven ({@link CnnTrainer}: a held-out share of
 *       each class, stop on the validation retrieval MAP, keep the best epoch); spec type
 *       {@value CnnOptions#TYPE};</li>
 *   <li>{@link #selfSupervised()}: without labels, SimCLR (Chen et al. 2020): two random views of
 *       every image and the NT-Xent loss ({@link NtXentLayer}); labels, if any, are never read;
 *       spec type {@value CnnOptions#SSL_TYPE}.</li>
 * </ul>
 * Both use fresh {@link RandomAugmentation} views every epoch (defaults chosen per collection),
 * Adam with a linearly decaying learning rate and weight decay, and are seeded: the same seed,
 * data, backend and thread count give the same network.
 *
 * <pre>{@code
 * CnnExtractor trained = CnnExtractor.builder().seed(7).build().fit(training, progress);
 * CnnExtractor unlabelled = CnnExtractor.selfSupervised().maxEpochs(20).build().fit(images, progress);
 * float[] signature = trained.extract(image);
 * }</pre>
 *
 * <p>The network reads the training images' own (median) size up to {@link CnnOptions#maxInputSize()},
 * in colour when the collection has colour ({@link CnnInput}); other images are converted and
 * resized to it. An instance built by a builder is untrained: {@link #extract} fails until
 * {@link #fit} returns a trained one. Extraction needs an ND4J backend on the class path.
 *
 * <p>Thread-safe: images are converted in the calling threads and forward passes are serialised
 * by a lock. Instances are otherwise immutable; returned arrays belong to the caller.
 */
public final class CnnExtractor implements BatchedFeatureExtractor, Persistent {
    /** The file name inside the extractor's state directory. */
    static final String FILE_NAME = "cnn.model";
    static final String CODEC = "cnn-model";

    private final CnnOptions options;
    private final CnnInput input;
    private final MultiLayerNetwork network;
    private final List<String> classes;
    private final CnnTrainingReport report;
    private final int layer;
    private final ReentrantLock forwardLock = new ReentrantLock();

    private CnnExtractor(CnnOptions options, CnnInput input, MultiLayerNetwork network, List<String> classes,
            CnnTrainingReport report) {
        this.options = options;
        this.input = input;
        this.network = network;
        this.classes = List.copyOf(classes);
        this.report = report;
        this.layer = CnnNetwork.embeddingIndex(options);
    }

    /** A builder for supervised training, with the defaults of {@link CnnOptions}. */
    public static Builder builder() {
        return new Builder(false);
    }

    /** A builder for self-supervised training (SimCLR), with the defaults of {@link CnnOptions}. */
    public static Builder selfSupervised() {
        return new Builder(true);
    }

    /** An untrained extractor with these options. */
    public static CnnExtractor untrained(CnnOptions options) {
        return new CnnExtractor(Objects.requireNonNull(options, "options"), null, null, List.of(), null);
    }

    /**
     * The extractor a saved spec describes: with the network {@link #save} wrote into
     * {@code state}, or untrained when the spec records no trained input or there is no state.
     *
     * @throws CorruptFileException if the model file is damaged or does not match the spec
     * @throws java.nio.file.NoSuchFileException if the model file is missing
     */
    public static CnnExtractor restore(ComponentSpec spec, Path state) throws IOException {
        CnnOptions options = CnnOptions.fromSpec(spec);
        CnnInput input = CnnInput.fromSpec(spec);
        if (state == null || input == null) {
            return untrained(options);
        }
        Path file = state.resolve(FILE_NAME);
        LeNetModelFile.Contents contents = LeNetModelFile.read(file, CODEC);
        MultiLayerNetwork net = contents.network();
        if (net == null) {
            throw new CorruptFileException(file, "it holds no network, but the spec describes a trained " + spec.type());
        }
        requireMatches(file, net, options, input);
        return new CnnExtractor(options, input, net, contents.classes(), null);
    }

    private static void requireMatches(Path file, MultiLayerNetwork net, CnnOptions options, CnnInput input)
            throws CorruptFileException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            names.add(net.getLayerWiseConfigurations().getConf(i).getLayer().getLayerName());
        }
        if (!names.equals(CnnNetwork.layerNames(options))) {
            throw new CorruptFileException(file, "it holds a network with layers " + names + ", not the layers "
                    + CnnNetwork.layerNames(options) + " of " + options.toSpec());
        }
        long channels = net.getLayer(0).getParam("W").size(1);
        if (channels != input.channels()) {
            throw new CorruptFileException(file, "its network reads " + channels + " channels, but the spec says "
                    + input.channels());
        }
    }

    /** The options this extractor was built with (after training: with the augmentation it used). */
    public CnnOptions options() {
        return options;
    }

    /** Whether {@link #fit} has trained this extractor's network. */
    public boolean isTrained() {
        return network != null;
    }

    /** The class labels of supervised training, by output index; empty when untrained or self-supervised. */
    public List<String> classes() {
        return classes;
    }

    /** What the training run did; empty for an untrained extractor and one restored from disk. */
    public Optional<CnnTrainingReport> trainingReport() {
        return Optional.ofNullable(report);
    }

    /** The input width, height and channels the trained network reads, e.g. {@code 64x64x1}; empty when untrained. */
    public Optional<String> inputShape() {
        return input == null ? Optional.empty()
                : Optional.of(input.width() + "x" + input.height() + "x" + input.channels());
    }

    @Override
    public ComponentSpec spec() {
        Map<String, Object> parameters = options.specParameters();
        if (input != null) {
            input.addTo(parameters);
        }
        return options.spec(parameters);
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
     * Trains a new network from scratch on {@code training} and returns the trained extractor;
     * this instance is unchanged. Supervised training needs every image labelled, at least two
     * classes and two images of each; self-supervised training needs two images and ignores
     * labels. The images are decoded once and held in memory at the network's input size. Takes
     * minutes on large collections; interrupt the thread to cancel.
     *
     * @throws IllegalArgumentException if the collection cannot be trained on (the message says what is missing)
     * @throws IllegalStateException if training diverges (the loss is no longer finite)
     * @throws java.io.UncheckedIOException if a training image cannot be read
     */
    @Override
    public CnnExtractor fit(ImageCollection training, ProgressListener progress) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(progress, "progress");
        CnnTrainer.Result result = new CnnTrainer(options).train(training, progress);
        return new CnnExtractor(options.withAugmentation(result.augmentation()), result.input(), result.network(),
                result.classes(), result.report());
    }

    /** @throws IllegalStateException if this extractor is not trained */
    @Override
    public float[] extract(Image image) {
        Objects.requireNonNull(image, "image");
        return extractAll(List.of(image)).get(0);
    }

    /**
     * The signatures of many images, one forward pass per 256 images.
     *
     * @return one new unit-length array per image, in order, owned by the caller
     * @throws IllegalStateException if this extractor is not trained
     */
    @Override
    public List<float[]> extractAll(List<Image> images) {
        Objects.requireNonNull(images, "images");
        if (network == null) {
            throw new IllegalStateException("this " + options.type()
                    + " extractor is not trained: call fit(training, progress) first");
        }
        List<Image> prepared = images.parallelStream()
                .map(i -> NetworkInput.prepare(Objects.requireNonNull(i, "image"), input.channels())).toList();
        forwardLock.lock();
        try {
            return CnnSignatures.of(network, input, layer, prepared);
        } finally {
            forwardLock.unlock();
        }
    }

    /** Writes the network and its class names into {@code directory} as one checksummed file ({@code cnn.model}). */
    @Override
    public void save(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        forwardLock.lock();
        try {
            LeNetModelFile.write(directory.resolve(FILE_NAME), CODEC, classes, network);
        } finally {
            forwardLock.unlock();
        }
    }

    @Override
    public String toString() {
        return (isTrained() ? "trained " : "untrained ") + spec();
    }

    /**
     * Configures a {@link CnnExtractor}; every setter documents its default (see {@link CnnOptions}
     * for what each changes). Not thread-safe; {@link #build()} validates and returns an untrained extractor.
     */
    public static final class Builder {
        private final boolean selfSupervised;
        private int filters = 16;
        private int stages = 4;
        private int convolutions = 1;
        private int embedding = 128;
        private int maxInputSize = 64;
        private int stemStride = 1;
        private double scale = 16;
        private double margin = 0.2;
        private double temperature = 0.2;
        private double learningRate = 0.002;
        private double weightDecay = 0.0005;
        private int maxEpochs;
        private int patience = 8;
        private double validationShare = 0.2;
        private int batchSize = 64;
        private long seed = 42;
        private RandomAugmentation augmentation;

        private Builder(boolean selfSupervised) {
            this.selfSupervised = selfSupervised;
            this.maxEpochs = selfSupervised ? 30 : 40;
        }

        /** Filters of the first stage (default 16); later stages double them. */
        public Builder filters(int filters) {
            this.filters = filters;
            return this;
        }

        /** Convolution stages (default 4). */
        public Builder stages(int stages) {
            this.stages = stages;
            return this;
        }

        /** Convolutions per stage (default 1). */
        public Builder convolutions(int convolutions) {
            this.convolutions = convolutions;
            return this;
        }

        /** Signature size (default 128). */
        public Builder embedding(int embedding) {
            this.embedding = embedding;
            return this;
        }

        /** The largest input side (default 64). */
        public Builder maxInputSize(int maxInputSize) {
            this.maxInputSize = maxInputSize;
            return this;
        }

        /**
         * The first convolution's stride (default 1), 2, or {@link CnnOptions#AUTO_STEM}: 2 for
         * inputs whose smaller side exceeds {@value CnnOptions#AUTO_STEM_SIDE} pixels, else 1.
         */
        public Builder stemStride(int stemStride) {
            this.stemStride = stemStride;
            return this;
        }

        /** Cosine softmax scale (default 16). */
        public Builder scale(double scale) {
            this.scale = scale;
            return this;
        }

        /** Cosine softmax margin (default 0.2). */
        public Builder margin(double margin) {
            this.margin = margin;
            return this;
        }

        /** NT-Xent temperature (default 0.2). */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** Adam's initial learning rate (default 0.002). */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Decoupled weight decay (default 0.0005). */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** The most epochs (default 40 supervised, 30 self-supervised). */
        public Builder maxEpochs(int maxEpochs) {
            this.maxEpochs = maxEpochs;
            return this;
        }

        /** Epochs without a better validation MAP before supervised training stops (default 8). */
        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        /** Share of each class held out for validation (default 0.2). */
        public Builder validationShare(double validationShare) {
            this.validationShare = validationShare;
            return this;
        }

        /** Images per mini-batch (default 64). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of weights, split, order and augmentation (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The augmentation (default: {@link RandomAugmentation#forImages}, chosen from the training images). */
        public Builder augmentation(RandomAugmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public CnnExtractor build() {
            return untrained(new CnnOptions(selfSupervised, filters, stages, convolutions, embedding, maxInputSize,
                    stemStride, scale, margin, temperature, learningRate, weightDecay, maxEpochs, patience, validationShare,
                    batchSize, seed, augmentation));
        }
    }
}
