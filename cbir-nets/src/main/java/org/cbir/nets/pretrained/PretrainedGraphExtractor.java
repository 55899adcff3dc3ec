package org.cbir.nets.pretrained;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.cbir.core.BatchedFeatureExtractor;
import org.cbir.core.Persistent;
import org.cbir.core.image.Image;
import org.cbir.core.io.StoreDirectory;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * What the extractors of a pretrained network share, whichever file their weights came from
 * ({@link PretrainedExtractor}: the Deeplearning4j zoo; {@link InceptionResNetV2Extractor}: Keras):
 * the signature is a layer's output for images converted by a {@link NetworkInputFormat}, averaged
 * over space ({@link GraphSignatures}), one forward pass per batch; saving writes the network
 * ({@link PretrainedModelFile}). Subclasses describe themselves ({@link #spec()}) and restore.
 *
 * <p>Thread-safe: images are converted in the calling threads, the forward pass is serialised by
 * a lock. Immutable otherwise; returned arrays belong to the caller.
 */
abstract sealed class PretrainedGraphExtractor implements BatchedFeatureExtractor, Persistent
        permits PretrainedExtractor, InceptionResNetV2Extractor {
    private final ComputationGraph network;
    private final NetworkInputFormat format;
    private final String layer;
    private final int batchSize;
    private final int dimension;
    private final ReentrantLock forwardLock = new ReentrantLock();

    /**
     * @param networkName the network's name, for the error
     * @param defaultLayer the network's default signature layer, for the error
     * @throws IllegalArgumentException if the network has no vertex {@code layer}
     */
    PretrainedGraphExtractor(ComputationGraph network, NetworkInputFormat format, String layer, int batchSize,
            String networkName, String defaultLayer) {
        if (network.getVertex(layer) == null) {
            throw new IllegalArgumentException("the " + networkName + " network has no layer '" + layer
                    + "' (its default signature layer is '" + defaultLayer + "')");
        }
        this.network = network;
        this.format = format;
        this.layer = layer;
        this.batchSize = batchSize;
        this.dimension = GraphSignatures.dimension(network, format, layer);
    }

    /** The signature layer's name. */
    public final String layer() {
        return layer;
    }

    /** The small-image policy. */
    public final SmallImagePolicy policy() {
        return format.policy();
    }

    /** What the network reads and how images become it. */
    public final NetworkInputFormat format() {
        return format;
    }

    /** The network itself, for this package; callers must not modify it, nor run it while this extractor is in use. */
    final ComputationGraph network() {
        return network;
    }

    /** The channels of the signature layer (its flattened size when it has no spatial extent). */
    @Override
    public final int dimension() {
        return dimension;
    }

    @Override
    public final float[] extract(Image image) {
        Objects.requireNonNull(image, "image");
        return extractAll(List.of(image)).get(0);
    }

    /**
     * The signatures of many images, one forward pass per batch.
     *
     * @return one new array per image, in order, owned by the caller
     */
    @Override
    public final List<float[]> extractAll(List<Image> images) {
        return GraphSignatures.extractAll(network, format, layer, dimension, batchSize, images, forwardLock);
    }

    /** Writes the network into {@code directory} ({@value PretrainedModelFile#FILE_NAME}, checksummed), making a saved pipeline self-contained. */
    @Override
    public final void save(StoreDirectory directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        forwardLock.lock();
        try {
            PretrainedModelFile.write(directory, network);
        } finally {
            forwardLock.unlock();
        }
    }

    @Override
    public final String toString() {
        return spec().toString();
    }

    /**
     * The settings every pretrained extractor takes; each subclass's builder documents its defaults.
     * Not thread-safe.
     *
     * @param <B> the subclass's builder
     */
    abstract static class Builder<B extends Builder<B>> {
        String layer;
        SmallImagePolicy policy = SmallImagePolicy.RESIZE;
        int batchSize;

        Builder(String layer, int batchSize) {
            this.layer = layer;
            this.batchSize = batchSize;
        }

        abstract B self();

        /** The signature layer (default the network's global pooling before its classifier, see the extractor). */
        public B layer(String layer) {
            this.layer = Objects.requireNonNull(layer, "layer");
            return self();
        }

        /** How images are brought to the input size (default {@link SmallImagePolicy#RESIZE}). */
        public B policy(SmallImagePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return self();
        }

        /** Images per forward pass in {@code extractAll} (default: see the extractor); does not change signatures. */
        public B batchSize(int batchSize) {
            this.batchSize = batchSize;
            return self();
        }

        /** @throws IllegalArgumentException if the batch size is below 1 (checked before any weights are read) */
        void checkBatchSize() {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
        }
    }
}
