package org.cbir.nets.lenet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.cbir.core.BatchedFeatureExtractor;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Persistent;
import org.cbir.core.image.Image;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.nets.internal.InferenceNetwork;
import org.cbir.nets.internal.MultiLayerModelFile;
import org.cbir.nets.internal.NetworkInput;
import org.cbir.nets.internal.SignatureRows;
import org.cbir.nets.train.Augmentation;
import org.cbir.nets.train.TrainingHistory;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
 * LeNetExtractor trained = LeNet.of(LeNetOptions.builder().maxEpochs(20).seed(7).build()).fit(training, progress);
 * float[] signature = trained.extract(image);
 * }</pre>
 *
 * <p>Every instance holds a trained network: {@link LeNet#fit} makes one and {@link #restore}
 * reads one back; it learns nothing more ({@link #isTrainable()} is false). Images of any size
 * are accepted and converted with {@link Image#toGrey()} (or grey replicated to RGB),
 * {@link Image#normalized()} and {@link Image#resize} to the input size. Extraction needs an ND4J backend on the class path
 * (e.g. {@code nd4j-native}); this module depends on {@code nd4j-api} only.
 *
 * <p>Extraction runs the network's layers as plain ND4J operations ({@link InferenceNetwork}),
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
     * instead of {@link InferenceNetwork} (same signatures, several times slower); for benchmarks
     * and diagnosis.
     */
    public static final String LAYER_OPS_PROPERTY = "cbir.nets.layerOps";
    /** The file name inside the extractor's state directory. */
    static final String FILE_NAME = "lenet.model";
    /** The codec of that file ({@link MultiLayerModelFile}). */
    static final String CODEC = "lenet-model";
    /** Images per forward pass in {@link #extractAll}; inference does not depend on it. */
    private static final int EXTRACTION_BATCH = 256;
    private static final boolean USE_LAYER_OPS = !"false".equalsIgnoreCase(System.getProperty(LAYER_OPS_PROPERTY));

    private final LeNetOptions options;
    private final MultiLayerNetwork network;
    private final List<String> classes;
    private final int dimension;
    private final Optional<TrainingHistory> history;
    /** The forward pass to the signature layer: {@link InferenceNetwork} or Deeplearning4j's own layers. */
    private final UnaryOperator<INDArray> toSignature;
    private final ReentrantLock forwardLock = new ReentrantLock();

    private LeNetExtractor(LeNetOptions options, MultiLayerNetwork network, List<String> classes,
            Optional<TrainingHistory> history) {
        this.options = options;
        this.network = network;
        this.classes = List.copyOf(classes);
        this.history = history;
        this.dimension = options.dimension();
        int layer = options.architecture().layerIndex(options.signatureLayer());
        if (USE_LAYER_OPS && InferenceNetwork.supports(network, layer)) {
            toSignature = InferenceNetwork.of(network, layer)::output;
        } else {
            toSignature = batch -> {
                List<INDArray> activations = network.feedForwardToLayer(layer, batch, false);
                return activations.get(activations.size() - 1);
            };
        }
    }

    /** The extractor of a network {@link LeNetTrainer} trained with {@code options}. */
    static LeNetExtractor trained(LeNetOptions options, MultiLayerNetwork network, List<String> classes,
            TrainingHistory history) {
        return new LeNetExtractor(options, network, classes, Optional.of(history));
    }

    /**
     * The LeNet a saved spec describes: the extractor with the network {@link #save} wrote into
     * {@code state}, or the {@link LeNet} recipe when the pipeline saved no state or (before the
     * recipe was its own type) a file that records an untrained LeNet.
     *
     * @throws IllegalArgumentException if the spec is not a valid {@value LeNetOptions#TYPE} spec
     * @throws CorruptFileException if the model file is damaged or does not match the spec
     * @throws java.nio.file.NoSuchFileException if {@code state} holds no model file
     */
    public static FeatureExtractor restore(ComponentSpec spec, Optional<StoreDirectory> state) throws IOException {
        LeNetOptions options = LeNetOptions.fromSpec(spec);
        if (state.isEmpty()) {
            return LeNet.of(options);
        }
        Path file = state.get().location(FILE_NAME);
        MultiLayerModelFile.Contents contents = MultiLayerModelFile.read(state.get(), FILE_NAME, CODEC);
        MultiLayerNetwork net = contents.network();
        if (net == null) {
            return LeNet.of(options);
        }
        requireMatches(file, net, options, contents.classes().size());
        return new LeNetExtractor(options, net, contents.classes(), Optional.empty());
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
                    + ComponentSpec.enumName(options.architecture()) + " layers " + expected);
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

    /** The trained network, for fine-tuning in this package; callers must not modify or run it. */
    MultiLayerNetwork network() {
        return network;
    }

    /**
     * A copy of the trained network as a {@link ComputationGraph} (for fine-tuning it, see
     * {@code BaseNetwork}): one vertex per layer, named as the layer, in order, with their
     * preprocessors, and a copy of the parameters (whose flattened layout is the same for a
     * stack of layers in either form); Deeplearning4j's own conversion names the vertices by
     * their index instead. The caller owns the copy.
     */
    public ComputationGraph graph() {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations().clone();
        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
                .dataType(conf.getDataType()).graphBuilder().addInputs("input");
        String previous = "input";
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            builder.addLayer(layer.getLayerName(), layer, conf.getInputPreProcess(i), previous);
            previous = layer.getLayerName();
        }
        ComputationGraph graph = new ComputationGraph(builder.setOutputs(previous).build());
        graph.init();
        forwardLock.lock();
        try {
            graph.setParams(network.params());
        } finally {
            forwardLock.unlock();
        }
        return graph;
    }

    /** The losses and duration of the training that produced this extractor; empty for one restored from disk. */
    public Optional<TrainingHistory> trainingHistory() {
        return history;
    }

    /** The class labels the network was trained on, by output index. */
    public List<String> classes() {
        return classes;
    }

    @Override
    public ComponentSpec spec() {
        return options.spec();
    }

    /** The flattened output size of the signature layer ({@link LeNetOptions#dimension()}). */
    @Override
    public int dimension() {
        return dimension;
    }

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
     */
    public List<float[]> extractAll(List<Image> images) {
        Objects.requireNonNull(images, "images");
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
            SignatureRows.addRows(forward(input, count), count, dimension, out);
        }
        return out;
    }

    private float[] forward(float[] input, int count) {
        INDArray batch = Nd4j.create(input, new long[] {count, options.channels(), options.height(), options.width()}, 'c');
        forwardLock.lock();
        try {
            return SignatureRows.flat(toSignature.apply(batch), count, dimension);
        } finally {
            forwardLock.unlock();
        }
    }

    /** Writes the network and its class names into {@code directory} as one checksummed file ({@code lenet.model}). */
    @Override
    public void save(StoreDirectory directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        forwardLock.lock();
        try {
            MultiLayerModelFile.write(directory, FILE_NAME, CODEC, classes, network);
        } finally {
            forwardLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "trained " + spec();
    }
}
