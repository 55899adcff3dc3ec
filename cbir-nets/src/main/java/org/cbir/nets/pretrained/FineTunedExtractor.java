package org.cbir.nets.pretrained;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.cbir.core.BatchedFeatureExtractor;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Persistent;
import org.cbir.core.image.Image;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.nets.NetsComponents;
import org.cbir.nets.train.Augmentation;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Signatures from a network fine-tuned on the user's labels (Araujo et al.: ImageNet networks
 * and the LeNet "fine-tuned" with learning rate 0.008 and decay 0.0004): a {@link BaseNetwork}
 * ({@link FineTuning}, the recipe) whose classifier is replaced by a new softmax layer for the user's classes, whose layers up to
 * a chosen one stay frozen, and whose other layers are trained with Deeplearning4j's transfer
 * learning ({@link TransferGraph}, {@link FineTuneTrainer}). The signature is the output of the
 * chosen layer of the fine-tuned network, averaged over space when it has a spatial extent, as
 * in {@link PretrainedExtractor}; that layer is the new classifier's input, so the base's
 * layers after it are dropped.
 *
 * <pre>{@code
 * FineTunedExtractor tuned = FineTuning.builder(BaseNetwork.of(resnet)).maxEpochs(5).build()
 *         .fit(training, progress);
 * float[] signature = tuned.extract(image);                       // 2048 values (avgpool)
 * }</pre>
 *
 * <p>Every instance holds a tuned network: {@link FineTuning#fit} makes one and {@link #restore}
 * reads one back; it is used as it is ({@link #isTrainable()} is false). Saving writes the tuned
 * network into the pipeline's directory as one checksummed file
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
    private final ComputationGraph network;
    private final List<String> classes;
    private final List<Double> epochLosses;
    private final int dimension;
    private final ReentrantLock forwardLock = new ReentrantLock();

    FineTunedExtractor(String baseName, String baseWeights, NetworkInputFormat format, FineTuneOptions options,
            ComputationGraph network, List<String> classes, List<Double> epochLosses) {
        this.baseName = baseName;
        this.baseWeights = baseWeights;
        this.format = format;
        this.options = options;
        this.network = network;
        this.classes = List.copyOf(classes);
        this.epochLosses = List.copyOf(epochLosses);
        this.dimension = GraphSignatures.dimension(network, format,
                options.signatureLayer());
    }

    /**
     * The fine-tuned network a saved spec describes: the extractor {@link #save} wrote into
     * {@code state}, or the {@link FineTuning} recipe when the saved network is its untuned base.
     *
     * @throws IllegalArgumentException if the spec is not a valid {@value #TYPE} spec
     * @throws NoSuchFileException if {@code state} is null or holds no model file
     * @throws CorruptFileException if the model file is damaged or does not match the spec
     */
    public static FeatureExtractor restore(ComponentSpec spec, StoreDirectory state) throws IOException {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not a " + TYPE + " spec: " + spec);
        }
        FineTuneOptions options = optionsOf(spec);
        NetworkInputFormat format = new NetworkInputFormat(spec.requireInt("width"), spec.requireInt("height"),
                spec.requireInt("channels"),
                spec.requireEnum("preprocessing", ImagePreprocessing.class),
                spec.requireEnum("policy", SmallImagePolicy.class));
        String baseName = spec.require("base");
        String baseWeights = spec.parameters().get("base-weights");
        if (state == null) {
            throw new NoSuchFileException(FineTunedModelFile.FILE_NAME, null,
                    "a fine-tuned extractor is restored from the network its pipeline saved, and there is none");
        }
        Path file = state.location(FineTunedModelFile.FILE_NAME);
        FineTunedModelFile.Contents contents = FineTunedModelFile.read(state);
        ComputationGraph graph = contents.network();
        if (!contents.tuned()) {
            try {
                TransferGraph.validate(graph.getConfiguration(), baseName, options.signatureLayer(), options.frozenUpTo());
            } catch (IllegalArgumentException e) {
                throw new CorruptFileException(file, "its base network does not match the spec: " + e.getMessage());
            }
            BaseNetwork base = BaseNetwork.restored(baseName, baseWeights, graph, format, options.signatureLayer(),
                    options.frozenUpTo());
            return new FineTuning(base, options);
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
        return new FineTunedExtractor(baseName, baseWeights, format, options, graph, contents.classes(),
                contents.epochLosses());
    }

    private static FineTuneOptions optionsOf(ComponentSpec spec) {
        long seed = spec.requireLong("seed");
        return new FineTuneOptions(spec.require("layer"), spec.require("frozen-up-to"),
                spec.requireDouble("learning-rate"), spec.requireDouble("decay"),
                spec.requireEnum("decay-per", ScheduleType.class),
                spec.requireInt("max-epochs"), spec.requireDouble("loss-threshold"), spec.requireInt("batch-size"), seed,
                Augmentation.parse(spec.require("augmentation")));
    }

    /** The base network's name ({@link BaseNetwork#name()}). */
    public String baseName() {
        return baseName;
    }

    /** How this extractor was fine-tuned, defaults resolved. */
    public FineTuneOptions options() {
        return options;
    }

    /** What the network reads. */
    public NetworkInputFormat format() {
        return format;
    }

    /** The class labels of the new classifier, by output index. */
    public List<String> classes() {
        return classes;
    }

    /** The mean training loss of each epoch fine-tuning ran, in order. */
    public List<Double> epochLosses() {
        return epochLosses;
    }

    /** The fine-tuned network, for this package's tests; callers must not modify or run it. */
    ComputationGraph network() {
        return network;
    }

    /**
     * {@code fine-tuned(base, base-weights, layer, frozen-up-to, input format, training options)}:
     * the base and everything that shapes the fine-tuning (the training images aside).
     */
    @Override
    public ComponentSpec spec() {
        return spec(baseName, baseWeights, format, options);
    }

    /** The spec of a network fine-tuned from a base with these options, which {@link #restore} reads back. */
    static ComponentSpec spec(String baseName, String baseWeights, NetworkInputFormat format, FineTuneOptions options) {
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
        p.put("preprocessing", ComponentSpec.enumName(format.preprocessing()));
        p.put("policy", ComponentSpec.enumName(format.policy()));
        p.put("learning-rate", options.learningRate());
        p.put("decay", options.decay());
        p.put("decay-per", ComponentSpec.enumName(options.decayPer()));
        p.put("max-epochs", options.maxEpochs());
        p.put("loss-threshold", options.lossThreshold());
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

    /** The channels of the signature layer (its flattened size when it has no spatial extent). */
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
     * The signatures of many images, one forward pass per {@link FineTuneOptions#batchSize()} images.
     *
     * @return one new array per image, in order, owned by the caller
     */
    @Override
    public List<float[]> extractAll(List<Image> images) {
        Objects.requireNonNull(images, "images");
        return GraphSignatures.extractAll(network, format, options.signatureLayer(), dimension, options.batchSize(),
                images, forwardLock);
    }

    /** Writes the tuned network with its classes and losses into {@code directory}. */
    @Override
    public void save(StoreDirectory directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        forwardLock.lock();
        try {
            FineTunedModelFile.write(directory, new FineTunedModelFile.Contents(
                    true, classes, epochLosses, network));
        } finally {
            forwardLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "tuned " + spec();
    }
}
