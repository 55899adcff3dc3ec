package org.cbir.nets.cnn;

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
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Persistent;
import org.cbir.core.image.Image;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.nets.internal.MultiLayerModelFile;
import org.cbir.nets.internal.NetworkInput;
import org.cbir.nets.train.RandomAugmentation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Signatures from a compact modern CNN trained from scratch on the user's images, shaped for
 * nearest-neighbour search: convolution stages with batch normalisation, global average pooling
 * and a linear embedding (128 values by default), L2-normalised ({@link CnnNetwork}). Two ways to
 * train it:
 * <ul>
 *   <li>{@link CnnOptions#builder()}: on the labels, with a cosine softmax with additive margin
 *       ({@link CosineSoftmaxLayer}), validation-driven ({@link CnnTrainer}: a held-out share of
 *       each class, stop on the validation retrieval MAP, keep the best epoch); spec type
 *       {@value CnnOptions#TYPE};</li>
 *   <li>{@link CnnOptions#selfSupervised()}: without labels, SimCLR (Chen et al. 2020): two random views of
 *       every image and the NT-Xent loss ({@link NtXentLayer}); labels, if any, are never read;
 *       spec type {@value CnnOptions#SSL_TYPE}.</li>
 * </ul>
 * Both use fresh {@link RandomAugmentation} views every epoch (defaults chosen per collection),
 * Adam with a linearly decaying learning rate and weight decay, and are seeded: the same seed,
 * data, backend and thread count give the same network.
 *
 * <pre>{@code
 * CnnExtractor trained = CompactCnn.of(CnnOptions.builder().seed(7).build()).fit(training, progress);
 * CnnExtractor unlabelled = CompactCnn.of(CnnOptions.simclr().maxEpochs(20).build()).fit(images, progress);
 * float[] signature = trained.extract(image);
 * }</pre>
 *
 * <p>The network reads the training images' own (median) size up to {@link CnnOptions#maxInputSize()},
 * in colour when the collection has colour ({@link CnnInput}); other images are converted and
 * resized to it. Every instance holds a trained network: {@link CompactCnn#fit} makes one and
 * {@link #restore} reads one back ({@link #isTrainable()} is false). Extraction needs an ND4J backend on the class path.
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
    private final Optional<CnnTrainingReport> report;
    /** The inference pass to the embedding, made once from the trained network. */
    private final CnnSignatures.Forward forward;
    private final ReentrantLock forwardLock = new ReentrantLock();

    private CnnExtractor(CnnOptions options, CnnInput input, MultiLayerNetwork network, List<String> classes,
            Optional<CnnTrainingReport> report) {
        this.options = options;
        this.input = input;
        this.network = network;
        this.classes = List.copyOf(classes);
        this.report = report;
        this.forward = CnnSignatures.forward(network, CnnNetwork.embeddingIndex(options));
    }

    /** The extractor of a network {@link CnnTrainer} trained. */
    static CnnExtractor trained(CnnOptions options, CnnTrainer.Result result) {
        return new CnnExtractor(options.withAugmentation(result.augmentation()), result.input(), result.network(),
                result.classes(), Optional.of(result.report()));
    }

    /**
     * The CNN a saved spec describes: the extractor with the network {@link #save} wrote into
     * {@code state}, or the {@link CompactCnn} recipe when the spec records no trained input or
     * there is no state.
     *
     * @throws CorruptFileException if the model file is damaged or does not match the spec
     * @throws java.nio.file.NoSuchFileException if the model file is missing
     */
    public static FeatureExtractor restore(ComponentSpec spec, StoreDirectory state) throws IOException {
        CnnOptions options = CnnOptions.fromSpec(spec);
        CnnInput input = CnnInput.fromSpec(spec);
        if (state == null || input == null) {
            return CompactCnn.of(options);
        }
        Path file = state.location(FILE_NAME);
        MultiLayerModelFile.Contents contents = MultiLayerModelFile.read(state, FILE_NAME, CODEC);
        MultiLayerNetwork net = contents.network();
        if (net == null) {
            throw new CorruptFileException(file, "it holds no network, but the spec describes a trained " + spec.type());
        }
        requireMatches(file, net, options, input);
        return new CnnExtractor(options, input, net, contents.classes(), Optional.empty());
    }

    private static void requireMatches(Path file, MultiLayerNetwork net, CnnOptions options, CnnInput input)
            throws CorruptFileException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            names.add(net.getLayerWiseConfigurations().getConf(i).getLayer().getLayerName());
        }
        if (!names.equals(CnnNetwork.layerNames(options))) {
            throw new CorruptFileException(file, "it holds a network with layers " + names + ", not the layers "
                    + CnnNetwork.layerNames(options) + " of " + options.spec());
        }
        long channels = net.getLayer(0).getParam("W").size(1);
        if (channels != input.channels()) {
            throw new CorruptFileException(file, "its network reads " + channels + " channels, but the spec says "
                    + input.channels());
        }
    }

    /** The trained network (for tests in this package); not to be trained further. */
    MultiLayerNetwork network() {
        return network;
    }

    /** The options this extractor was trained with, with the augmentation training used. */
    public CnnOptions options() {
        return options;
    }

    /** The class labels of supervised training, by output index; empty when self-supervised. */
    public List<String> classes() {
        return classes;
    }

    /** What the training run did; empty for an extractor restored from disk. */
    public Optional<CnnTrainingReport> trainingReport() {
        return report;
    }

    /** The input width, height and channels the trained network reads, e.g. {@code 64x64x1}. */
    public String inputShape() {
        return input.width() + "x" + input.height() + "x" + input.channels();
    }

    @Override
    public ComponentSpec spec() {
        Map<String, Object> parameters = options.specParameters();
        input.addTo(parameters);
        return options.spec(parameters);
    }

    /** The embedding size, {@link CnnOptions#embedding()}. */
    @Override
    public int dimension() {
        return options.embedding();
    }

    @Override
    public float[] extract(Image image) {
        Objects.requireNonNull(image, "image");
        return extractAll(List.of(image)).get(0);
    }

    /**
     * The signatures of many images, one forward pass per 256 images, through an inference-only
     * copy of the network with batch normalisation folded into the convolutions
     * ({@code -Dcbir.nets.cnn.foldBatchNorm=false}: Deeplearning4j's own layers, same signatures
     * to float rounding).
     *
     * @return one new unit-length array per image, in order, owned by the caller
     */
    @Override
    public List<float[]> extractAll(List<Image> images) {
        Objects.requireNonNull(images, "images");
        List<Image> prepared = images.parallelStream()
                .map(i -> NetworkInput.prepare(Objects.requireNonNull(i, "image"), input.channels())).toList();
        forwardLock.lock();
        try {
            return CnnSignatures.of(forward, input, prepared);
        } finally {
            forwardLock.unlock();
        }
    }

    /** Writes the network and its class names into {@code directory} as one checksummed file ({@code cnn.model}). */
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
