package org.cbir.nets;

import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The LeNet-style network that pyCBIR trains from scratch (Araujo et al.; pyCBIR 0.1.1,
 * {@code src/cnn/keras_training.py}, {@code create_model_from_scratch}), as a Deeplearning4j
 * configuration. Layers, by name, in order (all convolutions and poolings use "same" padding):
 * <pre>
 *  0 conv_1      64 filters 5x5, stride 1, ReLU
 *  1 pool_1      max 2x2, stride 2
 *  2 bn_1        batch normalisation
 *  3 conv_2      64 filters 3x3, ReLU
 *  4 bn_2        batch normalisation
 *  5 pool_2      max 2x2, stride 2
 *  6 conv_3      48 filters 3x3, ReLU
 *  7 bn_3        batch normalisation
 *  8 pool_3      max 2x2, stride 2
 *  9 dense_1     192 units, ReLU, dropout 0.5 on its input
 * 10 dense_last  64 units, ReLU, dropout 0.5 on its input    (the default signature)
 * 11 classification  softmax over the classes, dropout 0.5 on its input, cross-entropy loss
 * </pre>
 * Weights are Glorot-uniform (Keras's default), biases zero; SGD with an inverse-time decay per
 * epoch (see {@link LeNetOptions#decay()}); float32 throughout. A static utility.
 */
public final class LeNetArchitecture {
    /** The layers a signature can be taken from, in network order (index = layer number). */
    public static final List<String> HIDDEN_LAYERS = List.of("conv_1", "pool_1", "bn_1", "conv_2", "bn_2",
            "pool_2", "conv_3", "bn_3", "pool_3", "dense_1", "dense_last");
    /** The name of the softmax output layer, used in training only. */
    public static final String OUTPUT_LAYER = "classification";

    private static final double DROPOUT = 0.5;

    private LeNetArchitecture() {
    }

    /** The configuration for {@code classes} output classes (at least 2 when trained; any positive count to size layers). */
    static MultiLayerConfiguration configuration(LeNetOptions o, int classes) {
        return new NeuralNetConfiguration.Builder()
                .seed(o.seed())
                .dataType(DataType.FLOAT)
                .updater(new Sgd(new InverseSchedule(ScheduleType.EPOCH, o.learningRate(), o.decay(), 1.0)))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(conv("conv_1", 5, 64))
                .layer(maxPool("pool_1"))
                .layer(new BatchNormalization.Builder().name("bn_1").build())
                .layer(conv("conv_2", 3, 64))
                .layer(new BatchNormalization.Builder().name("bn_2").build())
                .layer(maxPool("pool_2"))
                .layer(conv("conv_3", 3, 48))
                .layer(new BatchNormalization.Builder().name("bn_3").build())
                .layer(maxPool("pool_3"))
                .layer(new DenseLayer.Builder().name("dense_1").nOut(192).activation(Activation.RELU)
                        .dropOut(DROPOUT).build())
                .layer(new DenseLayer.Builder().name("dense_last").nOut(64).activation(Activation.RELU)
                        .dropOut(DROPOUT).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name(OUTPUT_LAYER)
                        .nOut(classes).activation(Activation.SOFTMAX).dropOut(DROPOUT).build())
                .setInputType(inputType(o))
                .build();
    }

    /** The input type: {@code channels x height x width}, channels first (NCHW). */
    static InputType inputType(LeNetOptions o) {
        return InputType.convolutional(o.height(), o.width(), o.channels());
    }

    /** The layer number of {@code name} in this architecture. */
    static int layerIndex(String name) {
        int index = HIDDEN_LAYERS.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("not a LeNet hidden layer: '" + name + "'; choose one of " + HIDDEN_LAYERS);
        }
        return index;
    }

    /** The number of values layer {@code name} outputs per image (its flattened activation size). */
    static int outputSize(LeNetOptions o, String name) {
        List<InputType> types = configuration(o, 2).getLayerActivationTypes(inputType(o));
        return Math.toIntExact(types.get(layerIndex(name)).arrayElementsPerExample());
    }

    private static ConvolutionLayer conv(String name, int kernel, int filters) {
        return new ConvolutionLayer.Builder(kernel, kernel).name(name).stride(1, 1).nOut(filters)
                .activation(Activation.RELU).build();
    }

    private static SubsamplingLayer maxPool(String name) {
        return new SubsamplingLayer.Builder(PoolingType.MAX).name(name).kernelSize(2, 2).stride(2, 2).build();
    }
}
