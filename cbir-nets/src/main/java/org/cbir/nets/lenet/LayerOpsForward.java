package org.cbir.nets.lenet;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Inference through the first layers of a trained LeNet, op by op: each layer becomes one ND4J
 * operation (libnd4j's {@code conv2d} and {@code maxpool2d}, a matrix product, a per-channel
 * scale and shift for batch normalisation with its global statistics, the layer's activation),
 * reading the network's own parameters. Deeplearning4j's layer implementations compute the
 * same values in training mode's way (im2col and workspaces) and cost three to four times as
 * much per image on a CPU; {@code LayerOpsForwardTest} checks the two agree to float precision
 * on both architectures. Dropout is inactive at inference and has no op here.
 *
 * <p>Supports exactly the layer types {@link LeNetArchitecture} uses, NCHW, max pooling, no
 * dilation; {@link #supports} says whether a network qualifies. Immutable once built; the
 * parameters are views of the network's, so it is valid as long as the network is not trained
 * further. Safe for concurrent use: every call allocates its own activations.
 */
final class LayerOpsForward {
    private final List<Step> steps;

    private LayerOpsForward(List<Step> steps) {
        this.steps = steps;
    }

    /** One layer's computation. */
    private interface Step {
        INDArray apply(INDArray input);
    }

    /** Whether every layer up to {@code lastLayer} is of a type this class computes. */
    static boolean supports(MultiLayerNetwork network, int lastLayer) {
        for (int i = 0; i <= lastLayer; i++) {
            Layer conf = network.getLayerWiseConfigurations().getConf(i).getLayer();
            boolean supported = conf instanceof ConvolutionLayer c && c.getClass() == ConvolutionLayer.class
                    && c.getDilation()[0] == 1 && c.getDilation()[1] == 1
                    || conf instanceof SubsamplingLayer s && s.getClass() == SubsamplingLayer.class
                    && s.getPoolingType() == PoolingType.MAX
                    || conf instanceof BatchNormalization
                    || conf instanceof DenseLayer;
            if (!supported) {
                return false;
            }
        }
        return true;
    }

    /**
     * The forward pass of {@code network} through layer {@code lastLayer} (inclusive).
     *
     * @throws IllegalArgumentException if a layer is not {@link #supports supported}
     */
    static LayerOpsForward of(MultiLayerNetwork network, int lastLayer) {
        if (!supports(network, lastLayer)) {
            throw new IllegalArgumentException("a layer up to " + lastLayer + " has no op-by-op inference");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i <= lastLayer; i++) {
            org.deeplearning4j.nn.api.Layer layer = network.getLayer(i);
            Layer conf = layer.conf().getLayer();
            if (conf instanceof ConvolutionLayer c) {
                steps.add(convolution(c, layer.getParam("W"), layer.getParam("b")));
            } else if (conf instanceof SubsamplingLayer s) {
                steps.add(maxPooling(s));
            } else if (conf instanceof BatchNormalization b) {
                steps.add(batchNormalisation(b, layer));
            } else {
                steps.add(dense((DenseLayer) conf, layer.getParam("W"), layer.getParam("b")));
            }
        }
        return new LayerOpsForward(List.copyOf(steps));
    }

    /** The activations of the last layer for an NCHW batch: {@code [n, ...]}, a new array. */
    INDArray output(INDArray input) {
        INDArray x = input;
        for (Step step : steps) {
            x = step.apply(x);
        }
        return x;
    }

    private static Step convolution(ConvolutionLayer c, INDArray weights, INDArray bias) {
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(c.getKernelSize()[0]).kW(c.getKernelSize()[1])
                .sH(c.getStride()[0]).sW(c.getStride()[1])
                .pH(c.getPadding()[0]).pW(c.getPadding()[1])
                .paddingMode(paddingMode(c.getConvolutionMode()))
                .dataFormat("NCHW").weightsFormat(WeightsFormat.OIYX).build();
        INDArray b = bias.reshape(bias.length());
        IActivation activation = c.getActivationFn();
        return x -> activation.getActivation(Nd4j.exec(new Conv2D(new INDArray[] {x, weights, b}, null, config))[0],
                false);
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

    /**
     * {@code gamma * (x - mean) / std + beta} folded into one scale and one shift per channel, where
     * {@code std = sqrt(var + eps)}, with {@code var = (10^log10stdev)^2} when the layer keeps its
     * statistics as logarithms (Deeplearning4j's default).
     */
    private static Step batchNormalisation(BatchNormalization b, org.deeplearning4j.nn.api.Layer layer) {
        INDArray var = b.isUseLogStd()
                ? Transforms.pow(layer.getParam("log10stdev").like().assign(100), layer.getParam("log10stdev"), false)
                : layer.getParam("var");
        INDArray std = Transforms.sqrt(var.add(b.getEps()), false);
        INDArray gamma = b.isLockGammaBeta() ? std.like().assign(b.getGamma()) : layer.getParam("gamma");
        INDArray beta = b.isLockGammaBeta() ? std.like().assign(b.getBeta()) : layer.getParam("beta");
        INDArray scale = gamma.div(std).reshape(std.length());
        INDArray shift = beta.sub(layer.getParam("mean").mul(gamma).div(std)).reshape(std.length());
        return x -> {
            INDArray y = x.dup();
            Nd4j.getExecutioner().exec(new BroadcastMulOp(y, scale, y, 1));
            Nd4j.getExecutioner().exec(new BroadcastAddOp(y, shift, y, 1));
            return y;
        };
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
