package org.cbir.nets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.cbir.core.ComponentSpec;
import org.cbir.core.BatchedFeatureExtractor;
import org.cbir.core.Persistent;
import org.cbir.core.image.Image;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Signatures from an ImageNet-pretrained network of the Deeplearning4j zoo ({@link PretrainedModel}):
 * the paper's transfer-learned features, the activation of a chosen layer, by default the global
 * pooling before the classifier. Activations with a spatial extent (a convolution's
 * {@code C x H x W}) are averaged over space, so the signature has one value per channel.
 *
 * <pre>{@code
 * PretrainedExtractor resnet = PretrainedExtractor.builder().model(PretrainedModel.RESNET50)
 *         .weights(PretrainedWeights.cacheFolder(Path.of("/data/dl4j-models"))).build();
 * float[] signature = resnet.extract(image);   // 2048 values
 * }</pre>
 *
 * <p>Weights: see {@link PretrainedWeights}. On a machine with internet, {@link Builder#download}
 * lets the zoo's {@code initPretrained} fetch them into its cache; without internet, copy the
 * zoo's file (its name and URL are in the error that a missing file gives) into the cache folder
 * or anywhere and name it. Saving a pipeline copies the network into the pipeline's folder, so a
 * saved pipeline needs neither the cache nor the internet.
 *
 * <p>Images are converted to RGB (grey replicated into three channels), brought to the model's
 * input size by the {@link SmallImagePolicy}, scaled to 0..255 from their nominal range and
 * preprocessed as the model expects ({@link ImagePreprocessing}). Extraction needs an ND4J backend.
 *
 * <p>Thread-safe: images are converted in the calling threads, the forward pass is serialised by
 * a lock. Immutable otherwise; returned arrays belong to the caller.
 */
public final class PretrainedExtractor implements BatchedFeatureExtractor, Persistent {
    /** The spec type. */
    public static final String TYPE = "pretrained";

    private final PretrainedModel model;
    private final String layer;
    private final SmallImagePolicy policy;
    private final PretrainedWeights weights;
    private final int batchSize;
    private final ComputationGraph network;
    private final int dimension;
    private final NetworkInputFormat format;
    private final ReentrantLock forwardLock = new ReentrantLock();

    private PretrainedExtractor(PretrainedModel model, String layer, SmallImagePolicy policy,
            PretrainedWeights weights, int batchSize, ComputationGraph network) {
        this.model = model;
        this.layer = layer;
        this.policy = policy;
        this.weights = weights;
        this.batchSize = batchSize;
        this.network = network;
        this.format = new NetworkInputFormat(model.width(), model.height(), 3, model.preprocessing(), policy);
        if (network.getVertex(layer) == null) {
            throw new IllegalArgumentException("the " + model.specName() + " network has no layer '" + layer
                    + "' (its default signature layer is '" + model.defaultLayer() + "')");
        }
        this.dimension = GraphSignatures.dimension(network, format, layer);
    }

    /** A builder: ResNet-50 from the zoo cache, its default layer, resized input. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Restores an extractor from its spec: from the network a saved pipeline kept in
     * {@code state}, or, when {@code state} is null or holds none, from the spec's weights source.
     *
     * @throws IllegalArgumentException if the spec is not a valid {@value #TYPE} spec
     * @throws IOException if the weights are missing or corrupt
     */
    public static PretrainedExtractor restore(ComponentSpec spec, Path state) throws IOException {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not a " + TYPE + " spec: " + spec);
        }
        PretrainedModel model = PretrainedModel.fromSpecName(spec.require("model"));
        SmallImagePolicy policy = parsePolicy(spec.require("policy"));
        PretrainedWeights weights = PretrainedWeights.parse(spec.require("weights"));
        Path saved = state == null ? null : state.resolve(PretrainedModelFile.FILE_NAME);
        ComputationGraph graph = saved != null && Files.exists(saved) ? PretrainedModelFile.read(saved)
                : weights.load(model, false);
        return new PretrainedExtractor(model, spec.require("layer"), policy, weights, 16, graph);
    }

    private static SmallImagePolicy parsePolicy(String value) {
        for (SmallImagePolicy p : SmallImagePolicy.values()) {
            if (p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown small-image policy '" + value + "'; choose resize or zero-pad");
    }

    /** The network kind. */
    public PretrainedModel model() {
        return model;
    }

    /** The signature layer's name. */
    public String layer() {
        return layer;
    }

    /** What the network reads and how images become it. */
    NetworkInputFormat format() {
        return format;
    }

    /** The network itself, for this package's tests; callers must not modify or run it. */
    ComputationGraph network() {
        return network;
    }

    /** The small-image policy. */
    public SmallImagePolicy policy() {
        return policy;
    }

    /** {@code pretrained(model, layer, policy, weights)}: everything that changes the signatures. */
    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE, "model", model.specName(), "layer", layer,
                "policy", policy.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                "weights", weights.toSpecValue());
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
     * The signatures of many images, one forward pass per batch.
     *
     * @return one new array per image, in order, owned by the caller
     */
    public List<float[]> extractAll(List<Image> images) {
        return GraphSignatures.extractAll(network, format, layer, dimension, batchSize, images, forwardLock);
    }

    /** Writes the network into {@code directory} ({@code pretrained.model}, checksummed), making a saved pipeline self-contained. */
    @Override
    public void save(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        forwardLock.lock();
        try {
            PretrainedModelFile.write(directory.resolve(PretrainedModelFile.FILE_NAME), network);
        } finally {
            forwardLock.unlock();
        }
    }

    @Override
    public String toString() {
        return spec().toString();
    }

    /** Configures a {@link PretrainedExtractor}; every setter documents its default. Not thread-safe. */
    public static final class Builder {
        private PretrainedModel model = PretrainedModel.RESNET50;
        private String layer;
        private SmallImagePolicy policy = SmallImagePolicy.RESIZE;
        private PretrainedWeights weights = PretrainedWeights.zooCache();
        private boolean download;
        private int batchSize = 16;

        private Builder() {
        }

        /** The network (default {@link PretrainedModel#RESNET50}). */
        public Builder model(PretrainedModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The signature layer (default the model's {@link PretrainedModel#defaultLayer()}). */
        public Builder layer(String layer) {
            this.layer = Objects.requireNonNull(layer, "layer");
            return this;
        }

        /** How images are brought to the input size (default {@link SmallImagePolicy#RESIZE}). */
        public Builder policy(SmallImagePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Where the weights are (default {@link PretrainedWeights#zooCache()}). */
        public Builder weights(PretrainedWeights weights) {
            this.weights = Objects.requireNonNull(weights, "weights");
            return this;
        }

        /** Whether a missing zoo-cache file may be downloaded by the zoo (default false: nothing is downloaded). */
        public Builder download(boolean download) {
            this.download = download;
            return this;
        }

        /** Images per forward pass in {@link PretrainedExtractor#extractAll} (default 16); does not change signatures. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Loads the weights and returns the extractor.
         *
         * @throws IllegalArgumentException if the batch size is below 1 or the network has no such layer
         * @throws java.nio.file.NoSuchFileException if the weights file is missing, naming where to put it and its URL
         * @throws IOException if the weights cannot be read
         */
        public PretrainedExtractor build() throws IOException {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            ComputationGraph graph = weights.load(model, download);
            return new PretrainedExtractor(model, layer == null ? model.defaultLayer() : layer, policy, weights,
                    batchSize, graph);
        }
    }
}
