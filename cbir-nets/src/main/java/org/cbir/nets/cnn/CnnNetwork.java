package org.cbir.nets.cnn;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The compact network of a {@link CnnExtractor}, as a Deeplearning4j configuration:
 * <pre>
 *  stage s = 0 .. stages-1 (filters f = filters * 2^s):
 *    [pool_s   max 2x2, stride 2, for s &gt; 0]
 *    convolutions x ( conv_s_k 3x3 "same", f filters; bn_s_k batch normalisation; relu_s_k )
 *    (conv_0_0, the stem, has stride {@link CnnOptions#stemStrideFor}: 1 by default, 2 when
 *    chosen or, with the automatic stem, for inputs above 64 pixels a side; every other
 *    convolution stride 1)
 *  gap        global average pooling                 (any input size, f values)
 *  embedding  dense, linear, {@code embedding} units  (the signature, L2-normalised when extracted)
 *  supervised:      loss  {@link CosineSoftmaxLayer} over the classes
 *  self-supervised: projection dense ReLU, {@code embedding} units; loss {@link NtXentLayer} to
 *                   {@code embedding / 2} values (SimCLR's projection head, dropped for signatures)
 * </pre>
 * He-initialised weights; Adam whose learning rate decays linearly over {@link CnnOptions#maxEpochs()}
 * epochs, with decoupled weight decay; float32. With the defaults (16 filters, 4 stages) a 64x64
 * grey image costs about 15 million multiply-adds at stride 1, a 128x128 one as much after the
 * stride-2 stem, a 100x100 one about 9 million. Stateless.
 */
final class CnnNetwork {
    /** The name of the signature layer. */
    static final String EMBEDDING = "embedding";

    private CnnNetwork() {
    }

    /** The configuration for {@code outputs} classes (ignored when self-supervised). */
    static MultiLayerConfiguration configuration(CnnOptions o, CnnInput input, int outputs) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(o.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(new PolySchedule(ScheduleType.EPOCH, o.learningRate(), 1.0, o.maxEpochs() + 1)))
                .weightDecay(o.weightDecay())
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .list();
        int stem = o.stemStrideFor(input.width(), input.height());
        for (String name : layerNames(o)) {
            layers.layer(layer(name, o, outputs, name.equals("conv_0_0") ? stem : 1));
        }
        return layers.setInputType(InputType.convolutional(input.height(), input.width(), input.channels())).build();
    }

    /** Every layer's name, in order, the loss layer last. */
    static List<String> layerNames(CnnOptions o) {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < o.stages(); s++) {
            if (s > 0) {
                names.add("pool_" + s);
            }
            for (int k = 0; k < o.convolutions(); k++) {
                names.add("conv_" + s + "_" + k);
                names.add("bn_" + s + "_" + k);
                names.add("relu_" + s + "_" + k);
            }
        }
        names.add("gap");
        names.add(EMBEDDING);
        if (o.selfSupervised()) {
            names.add("projection");
        }
        names.add("loss");
        return names;
    }

    /** The layer number of the signature. */
    static int embeddingIndex(CnnOptions o) {
        return layerNames(o).indexOf(EMBEDDING);
    }

    private static org.deeplearning4j.nn.conf.layers.Layer layer(String name, CnnOptions o, int outputs, int stride) {
        String kind = name.contains("_") ? name.substring(0, name.indexOf('_')) : name;
        return switch (kind) {
            case "pool" -> new SubsamplingLayer.Builder(PoolingType.MAX).name(name).kernelSize(2, 2).stride(2, 2)
                    .convolutionMode(ConvolutionMode.Truncate).build();
            case "conv" -> new ConvolutionLayer.Builder(3, 3).name(name).stride(stride, stride)
                    .nOut((long) o.filters() << Integer.parseInt(name.split("_")[1])).activation(Activation.IDENTITY)
                    .build();
            case "bn" -> new BatchNormalization.Builder().name(name).build();
            case "relu" -> new ActivationLayer.Builder().name(name).activation(Activation.RELU).build();
            case "gap" -> new GlobalPoolingLayer.Builder(PoolingType.AVG).name(name).build();
            case EMBEDDING -> new DenseLayer.Builder().name(name).nOut(o.embedding()).activation(Activation.IDENTITY)
                    .build();
            case "projection" -> new DenseLayer.Builder().name(name).nOut(o.embedding()).activation(Activation.RELU)
                    .build();
            default -> lossLayer(name, o, outputs);
        };
    }

    private static org.deeplearning4j.nn.conf.layers.Layer lossLayer(String name, CnnOptions o, int outputs) {
        EmbeddingLossLayer loss = o.selfSupervised()
                ? new NtXentLayer(Math.max(2, o.embedding() / 2), o.temperature())
                : new CosineSoftmaxLayer(outputs, o.scale(), o.margin());
        loss.setLayerName(name);
        return loss;
    }
}
