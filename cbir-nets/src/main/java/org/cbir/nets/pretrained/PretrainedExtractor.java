package org.cbir.nets.pretrained;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.io.StoreDirectory;
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
public final class PretrainedExtractor extends PretrainedGraphExtractor {
    /** The spec type. */
    public static final String TYPE = "pretrained";
    private static final int DEFAULT_BATCH_SIZE = 16;

    private final PretrainedModel model;
    private final PretrainedWeights weights;

    private PretrainedExtractor(PretrainedModel model, String layer, SmallImagePolicy policy,
            PretrainedWeights weights, int batchSize, ComputationGraph network) {
        super(network, new NetworkInputFormat(model.width(), model.height(), 3, model.preprocessing(), policy), layer,
                batchSize, ComponentSpec.enumName(model), model.defaultLayer());
        this.model = model;
        this.weights = weights;
    }

    /** A builder: ResNet-50 from the zoo cache, its default layer, resized input. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Restores an extractor from its spec: from the network a saved pipeline kept in
     * {@code state}, or, when {@code state} is null (no saved network), from the spec's weights
     * source. A state directory without its network is refused rather than replaced by the weights
     * source, which may have changed since the save and would then give other signatures than the
     * stored ones.
     *
     * @throws IllegalArgumentException if the spec is not a valid {@value #TYPE} spec
     * @throws java.nio.file.NoSuchFileException if {@code state} holds no network
     * @throws IOException if the weights are missing or corrupt
     */
    public static PretrainedExtractor restore(ComponentSpec spec, StoreDirectory state) throws IOException {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not a " + TYPE + " spec: " + spec);
        }
        PretrainedModel model = spec.requireEnum("model", PretrainedModel.class);
        SmallImagePolicy policy = spec.requireEnum("policy", SmallImagePolicy.class);
        PretrainedWeights weights = PretrainedWeights.parse(spec.require("weights"));
        ComputationGraph graph = state != null ? PretrainedModelFile.read(state) : weights.load(model, false);
        return new PretrainedExtractor(model, spec.require("layer"), policy, weights, DEFAULT_BATCH_SIZE, graph);
    }

    /** The network kind. */
    public PretrainedModel model() {
        return model;
    }

    /** {@code pretrained(model, layer, policy, weights)}: everything that changes the signatures. */
    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE, "model", ComponentSpec.enumName(model), "layer", layer(),
                "policy", ComponentSpec.enumName(policy()), "weights", weights.toSpecValue());
    }

    /**
     * Configures a {@link PretrainedExtractor}; every setter documents its default (the signature
     * layer: the model's {@link PretrainedModel#defaultLayer()}; the batch size: 16). Not thread-safe.
     */
    public static final class Builder extends PretrainedGraphExtractor.Builder<Builder> {
        private PretrainedModel model = PretrainedModel.RESNET50;
        private PretrainedWeights weights = PretrainedWeights.zooCache();
        private boolean download;

        private Builder() {
            super(null, DEFAULT_BATCH_SIZE);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The network (default {@link PretrainedModel#RESNET50}). */
        public Builder model(PretrainedModel model) {
            this.model = Objects.requireNonNull(model, "model");
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

        /**
         * Loads the weights and returns the extractor.
         *
         * @throws IllegalArgumentException if the batch size is below 1 or the network has no such layer
         * @throws java.nio.file.NoSuchFileException if the weights file is missing, naming where to put it and its URL
         * @throws IOException if the weights cannot be read
         */
        public PretrainedExtractor build() throws IOException {
            checkBatchSize();
            ComputationGraph graph = weights.load(model, download);
            return new PretrainedExtractor(model, layer == null ? model.defaultLayer() : layer, policy, weights,
                    batchSize, graph);
        }
    }
}
