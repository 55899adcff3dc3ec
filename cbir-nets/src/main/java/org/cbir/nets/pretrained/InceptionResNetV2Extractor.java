package org.cbir.nets.pretrained;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Signatures from the ImageNet-pretrained Inception-ResNet-v2 (Szegedy et al., AAAI 2017), the
 * paper's deep network used without training: the activation of a chosen layer of
 * {@link InceptionResNetV2} with the Keras applications weights ({@link InceptionResNetV2#fromKerasH5}),
 * by default {@value InceptionResNetV2#SIGNATURE_LAYER} (1536-d); a layer with a spatial extent is
 * averaged over space, as in {@link PretrainedExtractor}.
 *
 * <pre>{@code
 * InceptionResNetV2Extractor irv2 = InceptionResNetV2Extractor.builder()
 *         .weights(Path.of("inception_resnet_v2_weights_tf_dim_ordering_tf_kernels_notop.h5"))
 *         .inputSize(299).build();
 * float[] signature = irv2.extract(image);   // 1536 values
 * }</pre>
 *
 * <p>A separate class rather than a {@link PretrainedModel}: that enum describes networks of the
 * Deeplearning4j zoo, read from the zoo's model zips through {@link PretrainedWeights}, while
 * this network is built here and reads Keras HDF5 weights at an input size of the caller's choice.
 * The image conversion, the batched forward passes, the signature arithmetic and the saved network
 * file are {@link PretrainedExtractor}'s ({@link PretrainedGraphExtractor}).
 *
 * <p>Images are converted to RGB (grey replicated into three channels), brought to
 * {@code size x size} by the {@link SmallImagePolicy}, scaled to 0..255 from their nominal range
 * and then to [-1, 1] ({@code x / 127.5 - 1}, Keras's {@code preprocess_input} for this network),
 * channels first. Smaller inputs are much faster on a CPU (the signature stays 1536-d); the
 * weights were trained at 299. Saving writes the network into the pipeline's directory
 * ({@value PretrainedModelFile#FILE_NAME}, checksummed), so a saved pipeline needs no {@code .h5}.
 *
 * <p>Thread-safe: images are converted in the calling threads, the forward pass is serialised by
 * a lock. Immutable otherwise; returned arrays belong to the caller.
 */
public final class InceptionResNetV2Extractor extends PretrainedGraphExtractor {
    /** The spec type. */
    public static final String TYPE = "inception-resnet-v2";
    /** The name of the Keras applications weights file with the ImageNet classifier. */
    public static final String KERAS_WEIGHTS_FILE = "inception_resnet_v2_weights_tf_dim_ordering_tf_kernels.h5";
    private static final int DEFAULT_BATCH_SIZE = 8;

    private final String weights;
    private final String weightsMd5;

    private InceptionResNetV2Extractor(ComputationGraph network, int size, SmallImagePolicy policy, String layer,
            String weights, String weightsMd5, int batchSize) {
        super(network, new NetworkInputFormat(checkSize(size), size, 3, ImagePreprocessing.SCALE_MINUS_ONE_TO_ONE,
                policy), layer, batchSize, "Inception-ResNet-v2", InceptionResNetV2.SIGNATURE_LAYER);
        this.weights = weights;
        this.weightsMd5 = weightsMd5;
    }

    private static int checkSize(int size) {
        if (size < InceptionResNetV2.MIN_SIZE) {
            throw new IllegalArgumentException("Inception-ResNet-v2 input must be at least " + InceptionResNetV2.MIN_SIZE
                    + " pixels, got " + size);
        }
        return size;
    }

    /** A builder: the Keras cache's weights file, 299x299, {@code avg_pool}, resized input. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where Keras caches its ImageNet weights: {@code ~/.keras/models/}{@value #KERAS_WEIGHTS_FILE}. */
    public static Path kerasCacheFile() {
        return Path.of(System.getProperty("user.home"), ".keras", "models", KERAS_WEIGHTS_FILE);
    }

    /**
     * Restores an extractor from its spec: from the network a saved pipeline kept in {@code state},
     * or, when {@code state} is null, from the spec's weights file, whose MD5 must be the spec's.
     *
     * @throws IllegalArgumentException if the spec is not a valid {@value #TYPE} spec
     * @throws NoSuchFileException if {@code state} holds no network, or the weights file is missing
     * @throws CorruptFileException if the saved network is damaged or is no Inception-ResNet-v2
     * @throws InvalidFileException if the weights file is not the one the spec was built with
     */
    public static InceptionResNetV2Extractor restore(ComponentSpec spec, StoreDirectory state) throws IOException {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not a " + TYPE + " spec: " + spec);
        }
        int size = spec.requireInt("size");
        SmallImagePolicy policy = spec.requireEnum("policy", SmallImagePolicy.class);
        String layer = spec.require("layer");
        String weights = spec.require("weights");
        String md5 = spec.require("weights-md5");
        if (state == null) {
            Path h5 = Path.of(weights);
            String actual = md5(h5);
            if (!actual.equals(md5)) {
                throw new InvalidFileException(h5, "its MD5 is " + actual + ", but the extractor was built from a file"
                        + " with MD5 " + md5);
            }
            return new InceptionResNetV2Extractor(InceptionResNetV2.fromKerasH5(h5, size), size, policy, layer, weights,
                    md5, DEFAULT_BATCH_SIZE);
        }
        Path file = state.location(PretrainedModelFile.FILE_NAME);
        ComputationGraph graph = PretrainedModelFile.read(state);
        if (graph.getVertex(InceptionResNetV2.SIGNATURE_LAYER) == null || graph.getVertex(layer) == null) {
            throw new CorruptFileException(file, "it holds no Inception-ResNet-v2 with the layers '"
                    + InceptionResNetV2.SIGNATURE_LAYER + "' and '" + layer + "'");
        }
        return new InceptionResNetV2Extractor(graph, size, policy, layer, weights, md5, DEFAULT_BATCH_SIZE);
    }

    /**
     * The lower-case hex MD5 of a file, as Keras's {@code get_file(..., file_hash=...)} checks the
     * weights files it downloads.
     *
     * @throws NoSuchFileException if there is no such file
     */
    static String md5(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The weights file the network was loaded from, as it was named. */
    public String weights() {
        return weights;
    }

    /** The lower-case hex MD5 of the weights file. */
    public String weightsMd5() {
        return weightsMd5;
    }

    /**
     * {@code inception-resnet-v2(layer, size, policy, weights, weights-md5)}: everything that changes
     * the signatures; the MD5 tells which weights file, wherever it is.
     */
    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE, "layer", layer(), "size", format().width(),
                "policy", ComponentSpec.enumName(policy()), "weights", weights,
                "weights-md5", weightsMd5);
    }

    /**
     * Configures an {@link InceptionResNetV2Extractor}; every setter documents its default (the
     * signature layer: {@value InceptionResNetV2#SIGNATURE_LAYER}; the batch size: 8). Not thread-safe.
     */
    public static final class Builder extends PretrainedGraphExtractor.Builder<Builder> {
        private Path weights = kerasCacheFile();
        private int size = InceptionResNetV2.DEFAULT_SIZE;

        private Builder() {
            super(InceptionResNetV2.SIGNATURE_LAYER, DEFAULT_BATCH_SIZE);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * The Keras applications weights file, with or without the classifier ({@code ..._notop.h5})
         * (default {@link #kerasCacheFile()}).
         */
        public Builder weights(Path weights) {
            this.weights = Objects.requireNonNull(weights, "weights");
            return this;
        }

        /**
         * The input side in pixels (default 299, at least {@value InceptionResNetV2#MIN_SIZE}): smaller
         * is faster and keeps less of a large image's detail; the signature length does not change.
         */
        public Builder inputSize(int size) {
            this.size = size;
            return this;
        }

        /**
         * Reads the weights file and returns the extractor.
         *
         * @throws IllegalArgumentException if the input size is below {@value InceptionResNetV2#MIN_SIZE},
         *     the batch size below 1, or the network has no such layer
         * @throws NoSuchFileException naming the file and how to get it, if it does not exist
         * @throws IOException naming the file if it is not a Keras Inception-ResNet-v2 weights file
         */
        public InceptionResNetV2Extractor build() throws IOException {
            checkBatchSize();
            ComputationGraph graph = InceptionResNetV2.fromKerasH5(weights, size);
            return new InceptionResNetV2Extractor(graph, size, policy, layer, weights.toString(), md5(weights),
                    batchSize);
        }

        /** The extractor over a network already built (for this package's tests), recorded as from {@code weights}. */
        InceptionResNetV2Extractor build(ComputationGraph graph, String weights, String weightsMd5) {
            checkBatchSize();
            return new InceptionResNetV2Extractor(graph, size, policy, layer, weights, weightsMd5, batchSize);
        }
    }
}
