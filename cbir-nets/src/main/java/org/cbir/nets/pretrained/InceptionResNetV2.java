package org.cbir.nets.pretrained;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Inception-ResNet-v2 (Szegedy, Ioffe, Vanhoucke &amp; Alemi, "Inception-v4, Inception-ResNet and
 * the Impact of Residual Connections on Learning", AAAI 2017, arXiv:1602.07261), the deep network
 * of the pyCBIR paper, as a Deeplearning4j {@link ComputationGraph} in the style of the
 * Deeplearning4j zoo (whose zoo has only Inception-ResNet-v1). The layout follows the Keras
 * applications model {@code inception_resnet_v2.py} layer for layer, so that its ImageNet weights
 * can be used ({@link #fromKerasH5}, {@link #loadKerasWeights}):
 * <ul>
 *   <li>stem: conv 32 3x3/2 valid, conv 32 3x3 valid, conv 64 3x3, max-pool 3x3/2, conv 80 1x1,
 *       conv 192 3x3 valid, max-pool 3x3/2, then {@code mixed_5b} (Inception-A, 320 channels);
 *   <li>10 x {@code block35} (Inception-ResNet-A), residual scaled by 0.17;
 *   <li>{@code mixed_6a} (reduction-A, 1088 channels);
 *   <li>20 x {@code block17} (Inception-ResNet-B), scaled by 0.1;
 *   <li>{@code mixed_7a} (reduction-B, 2080 channels);
 *   <li>10 x {@code block8} (Inception-ResNet-C), scaled by 0.2; as in Keras, the tenth has
 *       scale 1 and no activation after the sum;
 *   <li>{@code conv_7b} (1536 1x1), {@code avg_pool} (global average, the 1536-d signature),
 *       {@code predictions} (dense softmax).
 * </ul>
 * Every convolution except the residual up-projections is Keras's {@code conv2d_bn}: no bias,
 * batch normalisation without scale (Keras {@code scale=False}), ReLU. Deeplearning4j's batch
 * normalisation cannot drop gamma alone ({@code lockGammaBeta} would drop beta too), so each keeps
 * a gamma initialised to 1: with gamma 1 the layer computes what Keras's does, and
 * the network's {@code numParams()} exceeds Keras's count by exactly one gamma per batch-normalised channel.
 *
 * <p>Stateless and thread-safe; each call builds a new configuration or network, which the caller owns.
 */
public final class InceptionResNetV2 {
    /** The vertex whose output is the 1536-d global average pool. */
    public static final String SIGNATURE_LAYER = "avg_pool";
    /** The input vertex name. */
    public static final String INPUT = "input";
    /** The classifier's output layer name. */
    public static final String OUTPUT = "predictions";
    /** The smallest input side the valid convolutions and poolings allow (as Keras's {@code min_size}). */
    public static final int MIN_SIZE = 75;
    /** The default (ImageNet) input side. */
    public static final int DEFAULT_SIZE = 299;

    private final int numClasses;
    private final int height;
    private final int width;
    private final long seed;

    private InceptionResNetV2(int numClasses, int height, int width, long seed) {
        this.numClasses = numClasses;
        this.height = height;
        this.width = width;
        this.seed = seed;
    }

    /**
     * The network for {@code numClasses} classes and 299x299x3 input, weights seeded with {@code seed}.
     *
     * @throws IllegalArgumentException if {@code numClasses} is below 1
     */
    public static InceptionResNetV2 of(int numClasses, long seed) {
        return of(numClasses, DEFAULT_SIZE, DEFAULT_SIZE, seed);
    }

    /**
     * The network for {@code numClasses} classes and {@code height x width x 3} input. Smaller
     * inputs cost less (the signature stays 1536-d); the ImageNet weights were trained at 299.
     *
     * @throws IllegalArgumentException if {@code numClasses} is below 1 or a side is below {@value #MIN_SIZE}
     */
    public static InceptionResNetV2 of(int numClasses, int height, int width, long seed) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("Inception-ResNet-v2 needs at least 1 class, got " + numClasses);
        }
        if (height < MIN_SIZE || width < MIN_SIZE) {
            throw new IllegalArgumentException("Inception-ResNet-v2 input must be at least " + MIN_SIZE + "x"
                    + MIN_SIZE + ", got " + height + "x" + width);
        }
        return new InceptionResNetV2(numClasses, height, width, seed);
    }

    /** The number of classes of the output layer. */
    public int numClasses() {
        return numClasses;
    }

    /** The input shape, channels first: {@code {3, height, width}}. */
    public int[] inputShape() {
        return new int[] {3, height, width};
    }

    /** A new network with this configuration and freshly initialised (seeded) weights. */
    public ComputationGraph init() {
        ComputationGraph graph = new ComputationGraph(conf());
        graph.init();
        return graph;
    }

    /** The configuration; building it allocates no weights. */
    public ComputationGraphConfiguration conf() {
        GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(height, width, 3));
        Builder b = new Builder(g);
        String x = b.convBn("stem_conv1", INPUT, 32, 3, 3, 2, false);
        x = b.convBn("stem_conv2", x, 32, 3, 3, 1, false);
        x = b.convBn("stem_conv3", x, 64, 3, 3, 1, true);
        x = b.maxPool("stem_pool1", x);
        x = b.convBn("stem_conv4", x, 80, 1, 1, 1, false);
        x = b.convBn("stem_conv5", x, 192, 3, 3, 1, false);
        x = b.maxPool("stem_pool2", x);
        x = mixed5b(b, x);
        for (int i = 1; i <= 10; i++) {
            x = block35(b, x, i);
        }
        x = mixed6a(b, x);
        for (int i = 1; i <= 20; i++) {
            x = block17(b, x, i);
        }
        x = mixed7a(b, x);
        for (int i = 1; i <= 10; i++) {
            x = block8(b, x, i);
        }
        x = b.convBn("conv_7b", x, 1536, 1, 1, 1, true);
        g.addLayer(SIGNATURE_LAYER, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        g.addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(numClasses)
                .activation(Activation.SOFTMAX).build(), SIGNATURE_LAYER);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    private static String mixed5b(Builder b, String x) {
        String b0 = b.convBn("mixed_5b_b0", x, 96, 1, 1, 1, true);
        String b1 = b.convBn("mixed_5b_b1a", x, 48, 1, 1, 1, true);
        b1 = b.convBn("mixed_5b_b1b", b1, 64, 5, 5, 1, true);
        String b2 = b.convBn("mixed_5b_b2a", x, 64, 1, 1, 1, true);
        b2 = b.convBn("mixed_5b_b2b", b2, 96, 3, 3, 1, true);
        b2 = b.convBn("mixed_5b_b2c", b2, 96, 3, 3, 1, true);
        b.g.addLayer("mixed_5b_pool", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(1, 1)
                .convolutionMode(ConvolutionMode.Same).avgPoolIncludePadInDivisor(false).build(), x);
        String b3 = b.convBn("mixed_5b_b3", "mixed_5b_pool", 64, 1, 1, 1, true);
        b.g.addVertex("mixed_5b", new MergeVertex(), b0, b1, b2, b3);
        return "mixed_5b";
    }

    /** Inception-ResNet-A (35x35 at 299 input): 32 | 32-32 | 32-48-64, up-projection to 320, scale 0.17. */
    private static String block35(Builder b, String x, int i) {
        String p = "block35_" + i;
        String b0 = b.convBn(p + "_b0", x, 32, 1, 1, 1, true);
        String b1 = b.convBn(p + "_b1a", x, 32, 1, 1, 1, true);
        b1 = b.convBn(p + "_b1b", b1, 32, 3, 3, 1, true);
        String b2 = b.convBn(p + "_b2a", x, 32, 1, 1, 1, true);
        b2 = b.convBn(p + "_b2b", b2, 48, 3, 3, 1, true);
        b2 = b.convBn(p + "_b2c", b2, 64, 3, 3, 1, true);
        return b.residual(p, x, 320, 0.17, true, b0, b1, b2);
    }

    /** Reduction-A: 384 3x3/2 | 256-256-384/2 | max-pool 3x3/2, 1088 channels. */
    private static String mixed6a(Builder b, String x) {
        String b0 = b.convBn("mixed_6a_b0", x, 384, 3, 3, 2, false);
        String b1 = b.convBn("mixed_6a_b1a", x, 256, 1, 1, 1, true);
        b1 = b.convBn("mixed_6a_b1b", b1, 256, 3, 3, 1, true);
        b1 = b.convBn("mixed_6a_b1c", b1, 384, 3, 3, 2, false);
        String pool = b.maxPool("mixed_6a_pool", x);
        b.g.addVertex("mixed_6a", new MergeVertex(), b0, b1, pool);
        return "mixed_6a";
    }

    /** Inception-ResNet-B (17x17): 192 | 128-160(1x7)-192(7x1), up-projection to 1088, scale 0.1. */
    private static String block17(Builder b, String x, int i) {
        String p = "block17_" + i;
        String b0 = b.convBn(p + "_b0", x, 192, 1, 1, 1, true);
        String b1 = b.convBn(p + "_b1a", x, 128, 1, 1, 1, true);
        b1 = b.convBn(p + "_b1b", b1, 160, 1, 7, 1, true);
        b1 = b.convBn(p + "_b1c", b1, 192, 7, 1, 1, true);
        return b.residual(p, x, 1088, 0.1, true, b0, b1);
    }

    /** Reduction-B: 256-384/2 | 256-288/2 | 256-288-320/2 | max-pool 3x3/2, 2080 channels. */
    private static String mixed7a(Builder b, String x) {
        String b0 = b.convBn("mixed_7a_b0a", x, 256, 1, 1, 1, true);
        b0 = b.convBn("mixed_7a_b0b", b0, 384, 3, 3, 2, false);
        String b1 = b.convBn("mixed_7a_b1a", x, 256, 1, 1, 1, true);
        b1 = b.convBn("mixed_7a_b1b", b1, 288, 3, 3, 2, false);
        String b2 = b.convBn("mixed_7a_b2a", x, 256, 1, 1, 1, true);
        b2 = b.convBn("mixed_7a_b2b", b2, 288, 3, 3, 1, true);
        b2 = b.convBn("mixed_7a_b2c", b2, 320, 3, 3, 2, false);
        String pool = b.maxPool("mixed_7a_pool", x);
        b.g.addVertex("mixed_7a", new MergeVertex(), b0, b1, b2, pool);
        return "mixed_7a";
    }

    /** Inception-ResNet-C (8x8): 192 | 192-224(1x3)-256(3x1), up-projection to 2080, scale 0.2; the tenth scale 1, linear. */
    private static String block8(Builder b, String x, int i) {
        String p = "block8_" + i;
        String b0 = b.convBn(p + "_b0", x, 192, 1, 1, 1, true);
        String b1 = b.convBn(p + "_b1a", x, 192, 1, 1, 1, true);
        b1 = b.convBn(p + "_b1b", b1, 224, 1, 3, 1, true);
        b1 = b.convBn(p + "_b1c", b1, 256, 3, 1, 1, true);
        boolean last = i == 10;
        return b.residual(p, x, 2080, last ? 1.0 : 0.2, !last, b0, b1);
    }

    /**
     * This network at {@code 299x299} input with the weights of a Keras applications
     * Inception-ResNet-v2 HDF5 file; see {@link #fromKerasH5(Path, int)}.
     *
     * @throws NoSuchFileException naming the file and how to make it, if it does not exist
     * @throws IOException naming the file (and the layer) if it is not such a file
     */
    public static ComputationGraph fromKerasH5(Path h5) throws IOException {
        return fromKerasH5(h5, DEFAULT_SIZE);
    }

    /**
     * This network at {@code size x size} input (channels first, RGB scaled to [-1, 1] as Keras's
     * {@code inception_resnet_v2.preprocess_input} does) with the weights of a Keras applications
     * Inception-ResNet-v2 HDF5 file: the weights file Keras downloads and caches under
     * {@code ~/.keras/models/} ({@code inception_resnet_v2_weights_tf_dim_ordering_tf_kernels.h5},
     * 1000 ImageNet classes, or {@code ..._notop.h5}, without the classifier), or a whole model saved
     * with {@code model.save("x.h5")}, whose weights are read the same way. The
     * {@value #SIGNATURE_LAYER} output is then Keras's {@code avg_pool} output. With a
     * {@code _notop} file, the {@value #OUTPUT} layer (1000 classes) keeps its seeded random
     * weights: use the signature, or fine-tune.
     *
     * <p>Deeplearning4j's {@code KerasModelImport} does not import Keras's model of this network: it
     * fails on a Keras 3 {@code model.save("x.h5")} file (1.0.0-M2.1: a {@code ClassCastException}
     * reading the layer configuration), and the scaled residual is a {@code CustomScaleLayer} in
     * Keras 3 and a {@code Lambda} layer in Keras 2, which it maps only to a layer the caller
     * registered beforehand. So only
     * the weights are read ({@link KerasWeightsFile}), checked against this graph and copied into it
     * ({@link #loadKerasWeights}); the file is read and checked before the network is allocated.
     *
     * @param size the input side (at least {@value #MIN_SIZE}; the weights were trained at 299)
     * @return a new network, owned by the caller
     * @throws NoSuchFileException naming the file and how to make it, if it does not exist
     * @throws IOException naming the file (and the layer) if it is not HDF5, not in Keras's
     *     layout, or its layers or shapes do not match Inception-ResNet-v2
     * @throws IllegalArgumentException if {@code size} is below {@value #MIN_SIZE}
     */
    public static ComputationGraph fromKerasH5(Path h5, int size) throws IOException {
        InceptionResNetV2 net = of(1000, size, size, 0);
        if (!Files.isRegularFile(h5)) {
            throw new NoSuchFileException(h5.toString(), null, "no Keras Inception-ResNet-v2 weights file here;"
                    + " make it with Python: import keras; keras.applications.InceptionResNetV2(weights='imagenet')"
                    + " (Keras downloads inception_resnet_v2_weights_tf_dim_ordering_tf_kernels.h5 from the Keras"
                    + " applications release into ~/.keras/models/), then copy that file to " + h5.toAbsolutePath());
        }
        KerasWeightsFile file = KerasWeightsFile.read(h5);
        var plan = KerasInceptionWeights.plan(net.conf(), file.layersWithWeights(), h5.toString());
        ComputationGraph graph = net.init();
        KerasInceptionWeights.copy(graph, plan, file);
        return graph;
    }

    /**
     * Replaces the weights of {@code graph} (built by {@link #init()}, any input size and number of
     * classes) by those of a Keras applications Inception-ResNet-v2 HDF5 file (see
     * {@link #fromKerasH5(Path, int)}): every convolution, batch normalisation (gamma set to 1, as
     * Keras's {@code scale=False}) and residual projection, and the classifier if the file has
     * {@code predictions} (its class count must then be the graph's). Shapes are all checked before
     * anything is written. Not thread-safe with respect to other users of {@code graph}.
     *
     * @return whether the file had the classifier ({@code false} for a {@code _notop} file)
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException naming the file and the layer if it is not such a file or a layer is
     *     missing, surplus or of another shape; {@code graph} is then unchanged
     */
    public static boolean loadKerasWeights(ComputationGraph graph, Path h5) throws IOException {
        java.util.Objects.requireNonNull(graph, "graph");
        return KerasInceptionWeights.load(graph, KerasWeightsFile.read(h5));
    }

    /** Adds the repeated pieces to a graph under construction. */
    private static final class Builder {
        final GraphBuilder g;

        Builder(GraphBuilder g) {
            this.g = g;
        }

        /** Keras's conv2d_bn: convolution without bias, batch norm (gamma 1), ReLU; returns the ReLU's name. */
        String convBn(String name, String in, int filters, int kh, int kw, int stride, boolean same) {
            g.addLayer(name, new ConvolutionLayer.Builder(kh, kw).stride(stride, stride).nOut(filters).hasBias(false)
                    .convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                    .activation(Activation.IDENTITY).build(), in);
            g.addLayer(name + "_bn", new BatchNormalization.Builder().eps(1e-3).decay(0.99).build(), name);
            g.addLayer(name + "_ac", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
            return name + "_ac";
        }

        String maxPool(String name, String in) {
            g.addLayer(name, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                    .convolutionMode(ConvolutionMode.Truncate).build(), in);
            return name;
        }

        /** Concatenates the branches, projects them (1x1 with bias) to {@code channels}, adds {@code scale} times that to {@code x}. */
        String residual(String p, String x, int channels, double scale, boolean relu, String... branches) {
            g.addVertex(p + "_mixed", new MergeVertex(), branches);
            g.addLayer(p + "_conv", new ConvolutionLayer.Builder(1, 1).nOut(channels).hasBias(true)
                    .activation(Activation.IDENTITY).build(), p + "_mixed");
            g.addVertex(p + "_scale", new ScaleVertex(scale), p + "_conv");
            g.addVertex(p, new ElementWiseVertex(ElementWiseVertex.Op.Add), x, p + "_scale");
            if (!relu) {
                return p;
            }
            g.addLayer(p + "_ac", new ActivationLayer.Builder().activation(Activation.RELU).build(), p);
            return p + "_ac";
        }
    }
}
