package org.cbir.nets.lenet;

import java.util.ArrayList;
import java.util.List;
import org.cbir.core.ComponentSpec;
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
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The LeNet networks a {@link LeNetExtractor} trains from scratch, as Deeplearning4j
 * configurations. Both end in a softmax {@value #OUTPUT_LAYER} layer (cross-entropy loss, used in
 * training only) and take their signature, by default, from {@code dense_last}, the last hidden
 * dense layer. Weights are Glorot-uniform (Keras's default), biases zero; SGD (optionally with
 * Nesterov momentum) with an inverse-time decay per epoch (see {@link LeNetOptions#decay()});
 * float32 throughout.
 *
 * <p>{@link #LENET5}, the default, is LeNet-5 (LeCun et al., "Gradient-based learning applied to
 * document recognition", 1998) with ReLU and max pooling, on its native 32x32 input:
 * <pre>
 *  0 conv_1      6 filters 5x5, no padding, ReLU          (32x32 -> 28x28)
 *  1 pool_1      max 2x2, stride 2                        (-> 14x14)
 *  2 conv_2      16 filters 5x5, no padding, ReLU         (-> 10x10)
 *  3 pool_2      max 2x2, stride 2                        (-> 5x5)
 *  4 dense_1     120 units, ReLU
 *  5 dense_last  84 units, ReLU                           (the default signature)
 *  6 classification  softmax over the classes
 * </pre>
 * About 0.4 million multiply-adds per 32x32 image.
 *
 * <p>{@link #PYCBIR} is the wider network that pyCBIR 0.1.1 trains ({@code src/cnn/keras_training.py},
 * {@code create_model_from_scratch}); all convolutions and poolings use "same" padding:
 * <pre>
 *  0 conv_1      64 filters 5x5, ReLU
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
 * 11 classification  softmax, dropout 0.5 on its input
 * </pre>
 * About 13 million multiply-adds per 32x32 image, 30 times LeNet-5's: it trains and extracts
 * that much slower on a CPU (see BENCHMARKS.md).
 */
public enum LeNetArchitecture {
    /** LeNet-5 with ReLU and max pooling (the default). */
    LENET5(List.of("conv_1", "pool_1", "conv_2", "pool_2", "dense_1", "dense_last"), 16),
    /** pyCBIR 0.1.1's network trained from scratch. */
    PYCBIR(List.of("conv_1", "pool_1", "bn_1", "conv_2", "bn_2", "pool_2", "conv_3", "bn_3", "pool_3",
            "dense_1", "dense_last"), 8);

    /** The name of the softmax output layer, used in training only. */
    public static final String OUTPUT_LAYER = "classification";

    private static final double DROPOUT = 0.5;

    private final List<String> hiddenLayers;
    private final int minimumInputSize;

    LeNetArchitecture(List<String> hiddenLayers, int minimumInputSize) {
        this.hiddenLayers = hiddenLayers;
        this.minimumInputSize = minimumInputSize;
    }

    /** The layers a signature can be taken from, in network order (index = layer number). */
    public List<String> hiddenLayers() {
        return hiddenLayers;
    }

    /** Every layer name, the output layer last. */
    List<String> allLayers() {
        List<String> names = new ArrayList<>(hiddenLayers);
        names.add(OUTPUT_LAYER);
        return names;
    }

    /** The smallest input side the layers accept. */
    public int minimumInputSize() {
        return minimumInputSize;
    }

    /** The configuration for {@code classes} output classes (at least 2 when trained; any positive count to size layers). */
    MultiLayerConfiguration configuration(LeNetOptions o, int classes) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(o.seed())
                .dataType(DataType.FLOAT)
                .updater(updater(o))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .convolutionMode(this == LENET5 ? ConvolutionMode.Truncate : ConvolutionMode.Same)
                .list();
        if (this == LENET5) {
            layers.layer(conv("conv_1", 5, 6))
                    .layer(maxPool("pool_1"))
                    .layer(conv("conv_2", 5, 16))
                    .layer(maxPool("pool_2"))
                    .layer(new DenseLayer.Builder().name("dense_1").nOut(120).activation(Activation.RELU).build())
                    .layer(new DenseLayer.Builder().name("dense_last").nOut(84).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name(OUTPUT_LAYER)
                            .nOut(classes).activation(Activation.SOFTMAX).build());
        } else {
            layers.layer(conv("conv_1", 5, 64))
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
                            .nOut(classes).activation(Activation.SOFTMAX).dropOut(DROPOUT).build());
        }
        return layers.setInputType(inputType(o)).build();
    }

    /** Plain SGD, or SGD with Nesterov momentum, with the inverse-time decay of the learning rate per epoch. */
    private static IUpdater updater(LeNetOptions o) {
        InverseSchedule rate = new InverseSchedule(ScheduleType.EPOCH, o.learningRate(), o.decay(), 1.0);
        return o.momentum() > 0 ? new Nesterovs(rate, o.momentum()) : new Sgd(rate);
    }

    /** The input type: {@code channels x height x width}, channels first (NCHW). */
    static InputType inputType(LeNetOptions o) {
        return InputType.convolutional(o.height(), o.width(), o.channels());
    }

    /** The layer number of {@code name} in this architecture. */
    public int layerIndex(String name) {
        int index = hiddenLayers.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("not a " + ComponentSpec.enumName(this) + " hidden layer: '" + name + "'; choose one of "
                    + hiddenLayers);
        }
        return index;
    }

    /** The number of values layer {@code name} outputs per image (its flattened activation size). */
    int outputSize(LeNetOptions o, String name) {
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
