package org.cbir.nets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.cbir.core.ComponentSpec;
import org.cbir.core.BatchedFeatureExtractor;
import org.cbir.core.Persistent;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;
import org.cbir.core.io.CorruptFileException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Signatures from a LeNet trained from scratch on the user's labelled images: the paper's
 * "machine-designed" features (Araujo et al.), taken from a hidden layer that
 * bypasses the classifier, by default the last hidden dense layer ({@code dense_last}, 84
 * values for the default LeNet-5). The network is a {@link LeNetArchitecture}; training is
 * {@link LeNetTrainer} with the paper's decay 0.04, stopping rule (the loss is below 0.1 and no
 * longer falls) and augmentation ({@link Augmentation#paper()}), on standardised input with SGD
 * at rate 0.01 and Nesterov momentum 0.9, which trains markedly better than the paper's plain
 * SGD at 0.1 (see {@link LeNetOptions}).
 *
 * <pre>{@code
 * LeNetExtractor untrained = LeNetExtractor.builder().inputSize(32, 32).maxEpochs(20).seed(7).build();
 * LeNetExtractor trained = untrained.fit(training, progress);
 * float[] signature = trained.extract(image);
 * }</pre>
 *
 * <p>An instance built by the {@link Builder} is untrained: {@link #extract} fails until
 * {@link #fit} returns a trained one. Images of any size are accepted and converted with
 * {@link Image#toGrey()} (or grey replicated to RGB), {@link Image#normalized()} and
 * {@link Image#resize} to the input size. Extraction needs an ND4J backend on the class path
 * (e.g. {@code nd4j-native}); this module depends on {@code nd4j-api} only.
 *
 * <p>Extraction runs the network's layers as plain ND4J operations ({@link LayerOpsForward}),
 * which give Deeplearning4j's inference activations at a fraction of its per-layer overhead.
 *
 * <p>Thread-safe: images are converted in the calling threads and the forward pass itself is
 * serialised by a lock (the backend parallelises each pass over the cores). For throughput, prefer
 * {@link #extractAll}, which runs one forward pass per 256 images.
 * Instances are otherwise immutable; returned arrays belong to the caller.
 */
public final class LeNetExtractor implements BatchedFeatureExtractor, Persistent {
    /**
     * System property {@value}: {@code false} makes extraction run Deeplearning4j's own layers
     * instead of {@link LayerOpsForward} (same signatures, several times slower); for benchmarks
     * and diagnosis.
     */
    public static final String LAYER_OPS_PROPERTY = "cbir.nets.layerOps";
    /** Images per forward pass in {@link #extractAll}; inference does not depend on it. */
    private static final int EXTRACTION_BATCH = 256;
    private static final boolean USE_LAYER_OPS = !"false".equalsIgnoreCase(System.getProperty(LAYER_OPS_PROPERTY));

    private final LeNetOptions options;
    private final MultiLayerNetwork network;
    private final List<String> classes;
    private final int layer;
    private final int dimension;
    private final TrainingHistory history;
    private final LayerOpsForward opsForward;
    private final ReentrantLock forwardLock = new ReentrantLock();

    private LeNetExtractor(LeNetOptions options, MultiLayerNetwork network, List<String> classes,
            TrainingHistory history) {
        this.options = options;
        this.network = network;
        this.classes = List.copyOf(classes);
        this.history = history;
        this.layer = options.architecture().layerIndex(options.signatureLayer());
        this.dimension = options.architecture().outputSize(options, options.signatureLayer());
        this.opsForward = network != null && USE_LAYER_OPS && LayerOpsForward.supports(network, layer)
                ? LayerOpsForward.of(network, layer) : null;
    }

    /** A builder with the defaults of {@link LeNetOptions}. */
    public static Builder builder() {
        return new Builder();
    }

    /** An untrained extractor with these options. */
    public static LeNetExtractor untrained(LeNetOptions options) {
        return new LeNetExtractor(Objects.requireNonNull(options, "options"), null, List.of(), null);
    }

    /**
     * Restores an extractor that {@link #save} wrote into {@code directory}.
     *
     * @param options the options it was built with (from its spec)
     * @throws CorruptFileException if the model file is damaged or does not match the options
     * @throws java.nio.file.NoSuchFileException if the model file is missing
     */
    public static LeNetExtractor load(LeNetOptions options, Path directory) throws IOException {
        Path file = directory.resolve(LeNetModelFile.FILE_NAME);
        LeNetModelFile.Contents contents = LeNetModelFile.read(file);
        MultiLayerNetwork net = contents.network();
        if (net != null) {
            requireMatches(file, net, options, contents.classes().size());
        }
        return new LeNetExtractor(options, net, contents.classes(), null);
    }

    /** Checks that a restored network has this architecture's layers, input and class count. */
    private static void requireMatches(Path file, MultiLayerNetwork net, LeNetOptions options, int classes)
            throws CorruptFileException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            names.add(net.getLayerWiseConfigurations().getConf(i).getLayer().getLayerName());
        }
        List<String> expected = options.architecture().allLayers();
        if (!names.equals(expected)) {
            throw new CorruptFileException(file, "it holds a network with layers " + names + ", not the "
                    + options.architecture().specName() + " layers " + expected);
        }
        long inputs = net.getLayer(0).getParam("W").size(1);
        long outputs = net.getLayer(names.size() - 1).getParam("b").length();
        if (inputs != options.channels() || outputs != classes) {
            throw new CorruptFileException(file, "its network reads " + inputs + " channels and has " + outputs
                    + " outputs, but the spec says " + options.channels() + " channels and the file names "
                    + classes + " classes");
        }
    }

    /** The options this extractor was built with. */
    public LeNetOptions options() {
        return options;
    }

    /** The trained network (null when untrained), for fine-tuning in this package; callers must not modify or run it. */
    MultiLayerNetwork network() {
        return network;
    }

    /** Whether {@link #fit} has trained this extractor's network. */
    public boolean isTrained() {
        return network != null;
    }

    /**
     * The losses and duration of the training that produced this extractor; empty for an
     * untrained extractor and for one restored from disk.
     */
    public Optional<TrainingHistory> trainingHistory() {
        return Optional.ofNullable(history);
    }

    /** The class labels the network was trained on, by output index; empty when untrained. */
    public List<String> classes() {
        return classes;
    }

    @Override
    public ComponentSpec spec() {
        return options.toSpec();
    }

    /** The flattened output size of the signature layer (64 for {@code dense_last}). */
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
     * labels) and returns the trained extractor; this instance is unchanged. The training images
     * are decoded once and held in memory (grey or RGB floats at their own size) while their
     * augmented variants are generated batch by batch. Takes minutes on large collections;
     * interrupt the thread to cancel.
     *
     * @throws IllegalArgumentException if the collection is empty, not fully labelled or has one label
     * @throws java.io.UncheckedIOException if a training image cannot be read
     */
    @Override
    public LeNetExtractor fit(ImageCollection training, ProgressListener progress) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(progress, "progress");
        LeNetTrainer.Result result = new LeNetTrainer(options).train(training, progress);
        return new LeNetExtractor(options, result.network(), result.classes(), result.history());
    }

    /** @throws IllegalStateException if this extractor is not trained */
    @Override
    public float[] extract(Image image) {
        Objects.requireNonNull(image, "image");
        return extractAll(List.of(image)).get(0);
    }

    /**
     * The signatures of many images, one forward pass per 256 images (in inference the batch size
     * changes nothing but speed: about 2,500 images/s on one core of the benchmark machine).
     *
     * @return one new array per image, in order, owned by the caller
     * @throws IllegalStateException if this extractor is not trained
     */
    public List<float[]> extractAll(List<Image> images) {
        Objects.requireNonNull(images, "images");
        if (network == null) {
            throw new IllegalStateException("this LeNet extractor is not trained: call fit(training, progress) first");
        }
        List<float[]> out = new ArrayList<>(images.size());
        int inputSize = options.channels() * options.height() * options.width();
        for (int from = 0; from < images.size(); from += EXTRACTION_BATCH) {
            int count = Math.min(EXTRACTION_BATCH, images.size() - from);
            float[] input = new float[count * inputSize];
            for (int i = 0; i < count; i++) {
                Image image = Objects.requireNonNull(images.get(from + i), "image " + (from + i));
                NetworkInput.write(NetworkInput.prepare(image, options.channels()), options.width(), options.height(),
                        input, i * inputSize);
                if (options.standardiseInput()) {
                    NetworkInput.standardise(input, i * inputSize, inputSize);
                }
            }
            GraphSignatures.addRows(forward(input, count), count, dimension, out);
        }
        return out;
    }

    private float[] forward(float[] input, int count) {
        INDArray batch = Nd4j.create(input, new long[] {count, options.channels(), options.height(), options.width()}, 'c');
        forwardLock.lock();
        try {
            INDArray signature;
            if (opsForward != null) {
                signature = opsForward.output(batch);
            } else {
                List<INDArray> activations = network.feedForwardToLayer(layer, batch, false);
                signature = activations.get(activations.size() - 1);
            }
            return GraphSignatures.flat(signature, count, dimension);
        } finally {
            forwardLock.unlock();
        }
    }

    /**
     * Writes the network and its class names into {@code directory} as one checksummed file
     * ({@code lenet.model}); an untrained extractor writes a file that records it is untrained.
     */
    @Override
    public void save(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        forwardLock.lock();
        try {
            LeNetModelFile.write(directory.resolve(LeNetModelFile.FILE_NAME), classes, network);
        } finally {
            forwardLock.unlock();
        }
    }

    @Override
    public String toString() {
        return (isTrained() ? "trained " : "untrained ") + spec();
    }

    /**
     * Configures a {@link LeNetExtractor}; every setter documents its default. Not thread-safe;
     * {@link #build()} validates and returns an untrained extractor.
     */
    public static final class Builder {
        private LeNetArchitecture architecture = LeNetArchitecture.LENET5;
        private int width = 32;
        private int height = 32;
        private int channels = 1;
        private boolean standardiseInput = true;
        private double learningRate = 0.01;
        private double momentum = 0.9;
        private double decay = 0.04;
        private int maxEpochs = 30;
        private double lossThreshold = 0.1;
        private int batchSize = 32;
        private long seed = 42;
        private Augmentation augmentation = Augmentation.paper();
        private String signatureLayer = "dense_last";

        private Builder() {
        }

        /** The network (default {@link LeNetArchitecture#LENET5}; {@link LeNetArchitecture#PYCBIR} is pyCBIR's, 30 times costlier). */
        public Builder architecture(LeNetArchitecture architecture) {
            this.architecture = architecture;
            return this;
        }

        /** Network input size; images are resized to it (default 32x32). Larger sizes cost more time. */
        public Builder inputSize(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /** 1 for grey input (default), 3 for RGB. */
        public Builder channels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Whether each input image is standardised to zero mean and unit variance (default true), see {@link LeNetOptions#standardiseInput()}. */
        public Builder standardiseInput(boolean standardiseInput) {
            this.standardiseInput = standardiseInput;
            return this;
        }

        /** Nesterov momentum in [0, 1) (default 0.9; 0 for the paper's plain SGD). */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Initial SGD learning rate (default 0.01 with momentum 0.9; the paper's plain SGD used 0.1). */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Inverse-time decay per epoch, see {@link LeNetOptions#decay()} (default 0.04, the paper's). */
        public Builder decay(double decay) {
            this.decay = decay;
            return this;
        }

        /** The most epochs training runs (default 30). */
        public Builder maxEpochs(int maxEpochs) {
            this.maxEpochs = maxEpochs;
            return this;
        }

        /** Stop once the epoch loss is below this and no longer falls (default 0.1, the paper's). */
        public Builder lossThreshold(double lossThreshold) {
            this.lossThreshold = lossThreshold;
            return this;
        }

        /** Mini-batch size for training (default 32); extraction runs larger batches. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of initial weights, dropout and sample order (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Training-set augmentation (default {@link Augmentation#paper()}; {@link Augmentation#none()} to train on the images as they are). */
        public Builder augmentation(Augmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /** The layer whose output is the signature, one of the architecture's {@link LeNetArchitecture#hiddenLayers()} (default {@code dense_last}). */
        public Builder signatureLayer(String signatureLayer) {
            this.signatureLayer = signatureLayer;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public LeNetExtractor build() {
            return untrained(new LeNetOptions(architecture, width, height, channels, standardiseInput,
                    learningRate, momentum, decay, maxEpochs, lossThreshold,
                    batchSize, seed, augmentation, signatureLayer));
        }
    }
}
