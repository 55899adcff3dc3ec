package org.cbir.nets.pretrained;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.nets.lenet.LeNetArchitecture;
import org.cbir.nets.lenet.LeNetExtractor;
import org.cbir.nets.lenet.LeNetOptions;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The network that {@link FineTunedExtractor} starts from: an ImageNet-pretrained zoo network
 * ({@link #of(PretrainedExtractor)}), a trained LeNet ({@link #of(LeNetExtractor)}) or
 * Inception-ResNet-v2 ({@link #of(InceptionResNetV2Extractor)}, {@link #inceptionResNetV2}), as a
 * {@link ComputationGraph} with its input format, its signature layer and the layer up to which fine-tuning freezes it by default.
 *
 * <p>The default frozen part follows one rule: <b>everything before the network's last stage
 * stays frozen</b>, so the last stage (the blocks at the lowest resolution, or the dense layers
 * of VGG and LeNet) and the new classifier learn. The frozen-up-to layer per network:
 * <table>
 *   <caption>Default last frozen layer</caption>
 *   <tr><th>network</th><th>frozen up to</th><th>what learns</th></tr>
 *   <tr><td>resnet50</td><td>{@code res4f_branch}</td><td>stage 5 ({@code res5a..c})</td></tr>
 *   <tr><td>vgg16</td><td>{@code 17} (last pooling)</td><td>fc1, fc2 ({@code 18}, {@code 19})</td></tr>
 *   <tr><td>vgg19</td><td>{@code 20} (last pooling)</td><td>its dense layer {@code 21}</td></tr>
 *   <tr><td>xception</td><td>{@code add11} (end of the middle flow)</td><td>exit flow (blocks 13, 14)</td></tr>
 *   <tr><td>squeezenet</td><td>{@code pool5}</td><td>{@code fire6 .. fire9}</td></tr>
 *   <tr><td>darknet19</td><td>{@code maxpooling2d_13}</td><td>convolutions 14 to 18</td></tr>
 *   <tr><td>nasnet</td><td>none: name one (its zoo configuration does not build in 1.0.0-M2.1, so its
 *       layer names could not be checked)</td><td></td></tr>
 *   <tr><td>inception-resnet-v2</td><td>{@code block17_20_ac}</td><td>reduction-B, 10 x block8, {@code conv_7b}</td></tr>
 *   <tr><td>lenet</td><td>its convolutional part: {@code pool_2} for LeNet-5, {@code pool_3} for
 *       pyCBIR's network ({@link LeNetArchitecture})</td><td>{@code dense_1}, {@code dense_last}</td></tr>
 * </table>
 *
 * <p>The graph is not copied: fine-tuning reads it and never changes it, and the caller must not
 * change it while fine-tuning runs. Immutable otherwise; thread-safe for reading.
 */
public final class BaseNetwork {
    /** The {@link #name()} of a LeNet base. */
    public static final String LENET = "lenet";
    /** The {@link #name()} of an Inception-ResNet-v2 base. */
    public static final String INCEPTION_RESNET_V2 = "inception-resnet-v2";

    private static final Map<PretrainedModel, String> ZOO_FROZEN_UP_TO = Map.of(
            PretrainedModel.RESNET50, "res4f_branch",
            PretrainedModel.VGG16, "17",
            PretrainedModel.VGG19, "20",
            PretrainedModel.XCEPTION, "add11",
            PretrainedModel.SQUEEZENET, "pool5",
            PretrainedModel.DARKNET19, "maxpooling2d_13");
    private static final String LENET_FIRST_DENSE = "dense_1";
    private static final String INCEPTION_FROZEN_UP_TO = "block17_20_ac";

    private final String name;
    private final String weights;
    private final ComputationGraph graph;
    private final NetworkInputFormat format;
    private final String signatureLayer;
    private final String frozenUpTo;

    private BaseNetwork(String name, String weights, ComputationGraph graph, NetworkInputFormat format,
            String signatureLayer, String frozenUpTo) {
        this.name = name;
        this.weights = weights;
        this.graph = graph;
        this.format = format;
        this.signatureLayer = signatureLayer;
        this.frozenUpTo = frozenUpTo;
    }

    /** A zoo network with the weights, layer and small-image policy of {@code extractor}. */
    public static BaseNetwork of(PretrainedExtractor extractor) {
        Objects.requireNonNull(extractor, "extractor");
        PretrainedModel model = extractor.model();
        return new BaseNetwork(ComponentSpec.enumName(model), extractor.spec().require("weights"), extractor.network(),
                extractor.format(), extractor.layer(), ZOO_FROZEN_UP_TO.get(model));
    }

    /**
     * A trained LeNet, its input size and channels, its signature layer; the network is converted
     * to a {@link ComputationGraph} (same layer names and parameters) so that every base is
     * fine-tuned the same way. The LeNet's input is standardised per image ({@link ImagePreprocessing#STANDARDISE})
     * or 0..1 ({@link ImagePreprocessing#SCALE_ZERO_TO_ONE}) as its {@link LeNetOptions#standardiseInput()} says.
     */
    public static BaseNetwork of(LeNetExtractor lenet) {
        Objects.requireNonNull(lenet, "lenet");
        LeNetOptions o = lenet.options();
        List<String> layers = o.architecture().hiddenLayers();
        String convolutional = layers.get(layers.indexOf(LENET_FIRST_DENSE) - 1);
        return new BaseNetwork(LENET, null, lenet.graph(),
                new NetworkInputFormat(o.width(), o.height(), o.channels(),
                        o.standardiseInput() ? ImagePreprocessing.STANDARDISE : ImagePreprocessing.SCALE_ZERO_TO_ONE,
                        SmallImagePolicy.RESIZE),
                o.signatureLayer(), convolutional);
    }

    /**
     * The pretrained Inception-ResNet-v2 of {@code extractor}: its network, input format and
     * signature layer; the weights are recorded as the {@code .h5} file and its MD5.
     */
    public static BaseNetwork of(InceptionResNetV2Extractor extractor) {
        Objects.requireNonNull(extractor, "extractor");
        return new BaseNetwork(INCEPTION_RESNET_V2, extractor.weights() + " md5:" + extractor.weightsMd5(),
                extractor.network(), extractor.format(), extractor.layer(), INCEPTION_FROZEN_UP_TO);
    }

    /**
     * Inception-ResNet-v2 as {@link InceptionResNetV2#init()} builds it, or with the Keras
     * applications weights that {@link InceptionResNetV2#fromKerasH5} loads into it, reading
     * {@code size x size} RGB scaled to [-1, 1] (Keras's preprocessing for it), channels first,
     * signature {@value InceptionResNetV2#SIGNATURE_LAYER}.
     *
     * @param weights what the weights are, recorded in the fine-tuned extractor's spec (e.g. the
     *     {@code .h5} path), or null
     * @throws IllegalArgumentException if the graph has no {@value InceptionResNetV2#SIGNATURE_LAYER}
     *     vertex or {@code size} is below {@value InceptionResNetV2#MIN_SIZE}
     */
    public static BaseNetwork inceptionResNetV2(ComputationGraph graph, int size, SmallImagePolicy policy,
            String weights) {
        Objects.requireNonNull(graph, "graph");
        if (graph.getVertex(InceptionResNetV2.SIGNATURE_LAYER) == null) {
            throw new IllegalArgumentException("not an Inception-ResNet-v2: the graph has no vertex '"
                    + InceptionResNetV2.SIGNATURE_LAYER + "'");
        }
        if (size < InceptionResNetV2.MIN_SIZE) {
            throw new IllegalArgumentException("Inception-ResNet-v2 input must be at least " + InceptionResNetV2.MIN_SIZE
                    + " pixels, got " + size);
        }
        return new BaseNetwork(INCEPTION_RESNET_V2, weights, graph,
                new NetworkInputFormat(size, size, 3, ImagePreprocessing.SCALE_MINUS_ONE_TO_ONE, policy),
                InceptionResNetV2.SIGNATURE_LAYER, INCEPTION_FROZEN_UP_TO);
    }

    /** A base restored from a saved extractor (its graph, and what its spec records). */
    static BaseNetwork restored(String name, String weights, ComputationGraph graph, NetworkInputFormat format,
            String signatureLayer, String frozenUpTo) {
        return new BaseNetwork(name, weights, graph, format, signatureLayer, frozenUpTo);
    }

    /** The base's name: the {@link org.cbir.core.ComponentSpec#enumName} of a {@link PretrainedModel}, {@value #LENET} or {@value #INCEPTION_RESNET_V2}. */
    public String name() {
        return name;
    }

    /** Where the base's weights came from (a {@link PretrainedWeights} spec value, an {@code .h5} path), or null. */
    public String weights() {
        return weights;
    }

    /** The base network; callers must not change it. */
    public ComputationGraph graph() {
        return graph;
    }

    /** What the network reads. */
    public NetworkInputFormat format() {
        return format;
    }

    /** The default signature layer (the base extractor's own). */
    public String signatureLayer() {
        return signatureLayer;
    }

    /** The default last frozen layer (see the table above), or null when the network has none. */
    public String frozenUpTo() {
        return frozenUpTo;
    }

    @Override
    public String toString() {
        return name + (weights == null ? "" : " (" + weights + ")");
    }
}
