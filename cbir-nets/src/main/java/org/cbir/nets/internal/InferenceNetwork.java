package org.cbir.nets.internal;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An inference-only copy of a trained network (the compact CNN up to its embedding, LeNet up to
 * its signature layer), computed op by op, with every batch normalisation that follows a
 * convolution without activation folded into that convolution (others run as a per-channel scale
 * and shift). A batch normalisation with
 * scale {@code gamma}, shift {@code beta}, running mean {@code mu}, running variance {@code var}
 * and {@code eps} computes {@code gamma (y - mu) / sqrt(var + eps) + beta} per channel; on the
 * output {@code y = W * x + b} of a convolution with identity activation it is the convolution
 * with, per output channel {@code o} and {@code s_o = gamma_o / sqrt(var_o + eps)},
 * <pre>
 *   W'_o = W_o * s_o        b'_o = (b_o - mu_o) * s_o + beta_o
 * </pre>
 * so the batch-normalisation layers disappear. ReLU activation layers run in place on the
 * convolution's output, max pooling is libnd4j's {@code maxpool2d}, global average pooling a mean
 * over height and width, the embedding a matrix product. The loss layer (and the self-supervised
 * projection head) are not part of it. The signatures equal Deeplearning4j's inference-mode
 * forward pass to float rounding ({@code InferenceNetworkTest}); Deeplearning4j's layers
 * (im2col, workspaces, a separate normalisation pass) cost several times as much on a CPU.
 *
 * <p>The folded parameters are copies computed once in {@link #of}: the copy does not follow later
 * training of the network. Immutable; safe for concurrent use (every call allocates its own
 * activations).
 */
public final class InferenceNetwork {
    /**
     * System property {@value}: {@code false} makes the compact CNN's extraction (and validation
     * during training) run Deeplearning4j's own layers instead of this folded copy; same signatures to
     * float rounding, slower. For benchmarks and diagnosis.
     */
    public static final String FOLD_PROPERTY = "cbir.nets.cnn.foldBatchNorm";

    private final List<Step> steps;

    private InferenceNetwork(List<Step> steps) {
        this.steps = steps;
    }

    /** One layer's computation (or a convolution and the batch normalisation folded into it). */
    private interface Step {
        INDArray apply(INDArray input);
    }

    /** Whether {@link #FOLD_PROPERTY} allows folding (it does unless set to {@code false}). */
    public static boolean foldingEnabled() {
        return !"false".equalsIgnoreCase(System.getProperty(FOLD_PROPERTY));
    }

    /**
     * Whether every layer up to {@code lastLayer} is of a kind this class computes: plain
     * undilated convolutions, batch normalisations, activation layers, max pooling, global average
     * pooling, dense layers (not the output layer).
     */
    public static boolean supports(MultiLayerNetwork network, int lastLayer) {
        for (int i = 0; i <= lastLayer; i++) {
            if (!supported(network.getLayerWiseConfigurations().getConf(i).getLayer())) {
                return false;
            }
        }
        return true;
    }

    private static boolean supported(Layer conf) {
        return conf instanceof ConvolutionLayer c && c.getClass() == ConvolutionLayer.class
                && c.getDilation()[0] == 1 && c.getDilation()[1] == 1
                || conf instanceof BatchNormalization
                || conf instanceof ActivationLayer
                || conf instanceof SubsamplingLayer s && s.getClass() == SubsamplingLayer.class
                && s.getPoolingType() == PoolingType.MAX
                || conf instanceof GlobalPoolingLayer g && g.getPoolingType() == PoolingType.AVG
                || conf instanceof DenseLayer d && d.getClass() == DenseLayer.class;
    }

    /**
     * The folded forward pass of {@code network} through layer {@code lastLayer} (inclusive).
     *
     * @throws IllegalArgumentException if a layer up to {@code lastLayer} is not {@link #supports
     *     supported} (named in the message)
     */
    public static InferenceNetwork of(MultiLayerNetwork network, int lastLayer) {
        return of(network, 0, lastLayer);
    }

    /**
     * The folded forward pass of {@code network} from layer {@code firstLayer} through layer
     * {@code lastLayer} (both inclusive): its input is the activations layer {@code firstLayer}
     * receives. A batch normalisation at {@code firstLayer} has no convolution before it in the
     * range, so it runs as a per-channel scale and shift. The input array is never modified.
     *
     * @throws IllegalArgumentException if the range is empty or outside the network, or a layer in
     *     it is not {@link #supports supported} (named in the message)
     */
    public static InferenceNetwork of(MultiLayerNetwork network, int firstLayer, int lastLayer) {
        if (firstLayer < 0 || firstLayer > lastLayer || lastLayer >= network.getnLayers()) {
            throw new IllegalArgumentException("layers " + firstLayer + " to " + lastLayer + " are not a range of the "
                    + network.getnLayers() + " layers");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = firstLayer; i <= lastLayer; i++) {
            org.deeplearning4j.nn.api.Layer layer = network.getLayer(i);
            Layer conf = layer.conf().getLayer();
            if (!supported(conf)) {
                throw new IllegalArgumentException("layer " + i + " (" + conf.getLayerName() + ", "
                        + conf.getClass().getSimpleName() + ") has no op-by-op inference");
            }
            if (conf instanceof ConvolutionLayer c) {
                float[] weights = layer.getParam("W").dup('c').data().asFloat();
                long[] shape = layer.getParam("W").shape();
                float[] bias = c.hasBias() ? layer.getParam("b").dup('c').data().asFloat() : new float[(int) shape[0]];
                boolean foldNext = i < lastLayer && c.getActivationFn() instanceof ActivationIdentity
                        && network.getLayer(i + 1).conf().getLayer() instanceof BatchNormalization;
                if (foldNext) {
                    i++;
                    fold(weights, bias, normalisation(network.getLayer(i)));
                }
                steps.add(convolution(c, Nd4j.create(weights, shape, 'c'), Nd4j.create(bias, new long[] {bias.length}, 'c')));
            } else if (conf instanceof BatchNormalization) {
                steps.add(standalone(normalisation(layer)));
            } else if (conf instanceof ActivationLayer a) {
                IActivation activation = a.getActivationFn();
                boolean first = steps.isEmpty();
                steps.add(x -> activation.getActivation(first ? x.dup() : x, false));
            } else if (conf instanceof SubsamplingLayer s) {
                steps.add(maxPooling(s));
            } else if (conf instanceof GlobalPoolingLayer) {
                steps.add(x -> x.mean(2, 3));
            } else {
                steps.add(dense((DenseLayer) conf, layer.getParam("W").dup(), layer.getParam("b").dup()));
            }
        }
        return new InferenceNetwork(List.copyOf(steps));
    }

    /** The activations of the last layer for an NCHW batch: {@code [n, ...]}, a new array. */
    public INDArray output(INDArray input) {
        INDArray x = input;
        for (Step step : steps) {
            x = step.apply(x);
        }
        return x;
    }

    /**
     * A batch normalisation's per-channel affine map {@code y -> scale * y + shift} in inference
     * mode: {@code scale = gamma / sqrt(var + eps)}, {@code shift = beta - mean * scale}, with
     * {@code var = (10^log10stdev)^2} when the layer keeps its statistics as logarithms
     * (Deeplearning4j's default), as Deeplearning4j computes it.
     */
    public static double[][] normalisation(org.deeplearning4j.nn.api.Layer layer) {
        BatchNormalization b = (BatchNormalization) layer.conf().getLayer();
        float[] mean = layer.getParam("mean").dup('c').data().asFloat();
        float[] var = b.isUseLogStd() ? null : layer.getParam("var").dup('c').data().asFloat();
        float[] log10std = b.isUseLogStd() ? layer.getParam("log10stdev").dup('c').data().asFloat() : null;
        float[] gamma = b.isLockGammaBeta() ? null : layer.getParam("gamma").dup('c').data().asFloat();
        float[] beta = b.isLockGammaBeta() ? null : layer.getParam("beta").dup('c').data().asFloat();
        int channels = mean.length;
        double[] scale = new double[channels];
        double[] shift = new double[channels];
        for (int c = 0; c < channels; c++) {
            double variance = var != null ? var[c] : Math.pow(100, log10std[c]);
            double g = gamma != null ? gamma[c] : b.getGamma();
            double be = beta != null ? beta[c] : b.getBeta();
            scale[c] = g / Math.sqrt(variance + b.getEps());
            shift[c] = be - mean[c] * scale[c];
        }
        return new double[][] {scale, shift};
    }

    /** Folds {@code y -> scale * y + shift} into the output channels of {@code weights} ({@code [out, ...]}) and {@code bias}. */
    public static void fold(float[] weights, float[] bias, double[][] affine) {
        double[] scale = affine[0];
        double[] shift = affine[1];
        int perOutput = weights.length / bias.length;
        for (int o = 0; o < bias.length; o++) {
            for (int k = o * perOutput; k < (o + 1) * perOutput; k++) {
                weights[k] = (float) (weights[k] * scale[o]);
            }
            bias[o] = (float) (bias[o] * scale[o] + shift[o]);
        }
    }

    private static Step convolution(ConvolutionLayer c, INDArray weights, INDArray bias) {
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(c.getKernelSize()[0]).kW(c.getKernelSize()[1])
                .sH(c.getStride()[0]).sW(c.getStride()[1])
                .pH(c.getPadding()[0]).pW(c.getPadding()[1])
                .paddingMode(paddingMode(c.getConvolutionMode()))
                .dataFormat("NCHW").weightsFormat(WeightsFormat.OIYX).build();
        IActivation activation = c.getActivationFn();
        boolean identity = activation instanceof ActivationIdentity;
        return x -> {
            INDArray y = Nd4j.exec(new Conv2D(new INDArray[] {x, weights, bias}, null, config))[0];
            return identity ? y : activation.getActivation(y, false);
        };
    }

    private static Step standalone(double[][] affine) {
        INDArray scale = Nd4j.create(affine[0]).castTo(DataType.FLOAT);
        INDArray shift = Nd4j.create(affine[1]).castTo(DataType.FLOAT);
        return x -> {
            // per channel (dimension 1) of [n, c, h, w] or [n, c], into a new array: the input may be the caller's
            INDArray y = Broadcast.mul(x, scale.castTo(x.dataType()), x.ulike(), 1);
            return Broadcast.add(y, shift.castTo(x.dataType()), y, 1);
        };
    }

    private static Step maxPooling(SubsamplingLayer s) {
        Pooling2DConfig config = Pooling2DConfig.builder()
                .kH(s.getKernelSize()[0]).kW(s.getKernelSize()[1])
                .sH(s.getStride()[0]).sW(s.getStride()[1])
                .pH(s.getPadding()[0]).pW(s.getPadding()[1])
                .paddingMode(paddingMode(s.getConvolutionMode()))
                .type(Pooling2D.Pooling2DType.MAX).isNHWC(false).build();
        return x -> Nd4j.exec(new MaxPooling2D(x, null, config))[0];
    }

    private static Step dense(DenseLayer d, INDArray weights, INDArray bias) {
        IActivation activation = d.getActivationFn();
        return x -> {
            INDArray flat = x.rank() == 2 ? x : x.dup('c').reshape('c', x.size(0), x.length() / x.size(0));
            return activation.getActivation(flat.mmul(weights).addiRowVector(bias), false);
        };
    }

    private static PaddingMode paddingMode(ConvolutionMode mode) {
        return switch (mode) {
            case Same -> PaddingMode.SAME;
            case Causal -> PaddingMode.CAUSAL;
            default -> PaddingMode.VALID;
        };
    }
}
