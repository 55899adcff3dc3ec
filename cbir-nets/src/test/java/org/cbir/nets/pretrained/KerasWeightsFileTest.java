package org.cbir.nets.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.global.hdf5;
import org.cbir.nets.pretrained.KerasLayerCopy.Kind;
import org.cbir.nets.pretrained.KerasWeightsFile.KerasLayerWeights;
import org.cbir.nets.pretrained.KerasWeightsFile.KerasWeight;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Reading a Keras weights file and converting its layers, against real Keras: the fixture
 * {@code tiny_keras_weights.h5} and its inputs and outputs ({@code tiny_keras_io.txt}) were
 * written by {@code tools/keras_inception_parity.py --fixtures} with Keras 3.15.1, in
 * the Keras 2 applications layout (and, for comparison, as Keras 3 writes it): a {@code conv2d_bn} (3x2 kernel, same padding, no bias; batch
 * norm without scale; ReLU), a biased 1x1 convolution, a global average pool and a softmax dense.
 */
class KerasWeightsFileTest {
    @TempDir
    Path dir;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(KerasWeightsFileTest.class.getResource(name).toURI());
    }

    /** The rows of {@code tiny_keras_io.txt}: label, then numbers. */
    private static Map<String, float[]> kerasIo() throws Exception {
        Map<String, float[]> rows = new HashMap<>();
        for (String line : Files.readAllLines(resource("tiny_keras_io.txt"))) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split(" ");
            float[] values = new float[parts.length - 1];
            for (int i = 1; i < parts.length; i++) {
                values[i - 1] = Float.parseFloat(parts[i]);
            }
            rows.put(parts[0], values);
        }
        return rows;
    }

    private static ComputationGraph tinyGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(7, 6, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 2).nOut(4).hasBias(false)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), "input")
                .addLayer("bn", new BatchNormalization.Builder().eps(1e-3).build(), "conv")
                .addLayer("ac", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("up", new ConvolutionLayer.Builder(1, 1).nOut(5).hasBias(true)
                        .activation(Activation.IDENTITY).build(), "ac")
                .addLayer("avg_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "up")
                .addLayer("predictions", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "avg_pool")
                .setOutputs("predictions").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static void copyTiny(ComputationGraph graph, KerasWeightsFile file) throws IOException {
        String[][] pairs = {{"conv2d_204", "conv"}, {"batch_normalization_204", "bn"}, {"block35_1_conv", "up"},
            {"predictions", "predictions"}};
        Kind[] kinds = {Kind.CONVOLUTION, Kind.BATCH_NORM, Kind.CONVOLUTION, Kind.DENSE};
        for (int i = 0; i < pairs.length; i++) {
            KerasLayerWeights keras = layer(file, pairs[i][0]);
            KerasLayerCopy.check(graph.getConfiguration(), pairs[i][1], keras, kinds[i], file.file().toString());
            KerasLayerCopy.copy(graph, pairs[i][1], keras, kinds[i]);
        }
    }

    private static KerasLayerWeights layer(KerasWeightsFile file, String name) {
        return file.layers().stream().filter(l -> l.layer().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void readsTheLayersAndWeightNamesInTheFilesOrder() throws Exception {
        KerasWeightsFile file = KerasWeightsFile.read(resource("tiny_keras_weights.h5"));
        assertEquals(List.of("input_layer_2", "conv2d_204", "batch_normalization_204", "activation_204",
                "block35_1_conv", "avg_pool", "predictions"), file.layers().stream().map(KerasLayerWeights::layer).toList());
        assertEquals(4, file.layersWithWeights().size());
        KerasLayerWeights bn = layer(file, "batch_normalization_204");
        assertEquals(List.of("batch_normalization_204/beta:0", "batch_normalization_204/moving_mean:0",
                "batch_normalization_204/moving_variance:0"), bn.weights().stream().map(KerasWeight::name).toList());
        assertEquals("moving_variance", bn.weights().get(2).shortName());
        assertArrayEquals(new long[] {3, 2, 3, 4}, layer(file, "conv2d_204").weight("kernel").shape());
    }

    /**
     * The same weights written by Keras 3's own legacy writer (variable-length name strings,
     * {@code conv2d_203/kernel} without {@code :0}, numbered from {@code conv2d}) and saved as a
     * whole model (weights under {@code model_weights}) read the same.
     */
    @Test
    void kerasThreeWriterAndWholeModelFileHoldTheSameWeights() throws Exception {
        List<KerasLayerWeights> keras2 = KerasWeightsFile.read(resource("tiny_keras_weights.h5")).layersWithWeights();
        for (String other : List.of("tiny_keras3_weights.h5", "tiny_keras_model.h5")) {
            List<KerasLayerWeights> layers = KerasWeightsFile.read(resource(other)).layersWithWeights();
            assertEquals(List.of("conv2d_203", "batch_normalization_203", "block35_1_conv", "predictions"),
                    layers.stream().map(KerasLayerWeights::layer).toList(), other);
            for (int i = 0; i < keras2.size(); i++) {
                List<KerasWeight> expected = keras2.get(i).weights();
                List<KerasWeight> actual = layers.get(i).weights();
                assertEquals(expected.size(), actual.size(), other);
                for (int j = 0; j < expected.size(); j++) {
                    assertEquals(expected.get(j).shortName(), actual.get(j).shortName(), other);
                    assertArrayEquals(expected.get(j).shape(), actual.get(j).shape(), other);
                    assertArrayEquals(expected.get(j).data(), actual.get(j).data(), 0f, other);
                }
            }
        }
    }

    @Test
    void kernelGoesFromHeightWidthInOutToOutInHeightWidthAndGammaIsOne() throws Exception {
        KerasWeightsFile file = KerasWeightsFile.read(resource("tiny_keras_weights.h5"));
        ComputationGraph graph = tinyGraph();
        copyTiny(graph, file);
        float[] kernel = layer(file, "conv2d_204").weight("kernel").data();
        INDArray w = graph.getLayer("conv").getParam("W");
        assertArrayEquals(new long[] {4, 3, 3, 2}, w.shape());
        for (int h = 0; h < 3; h++) {
            for (int x = 0; x < 2; x++) {
                for (int i = 0; i < 3; i++) {
                    for (int o = 0; o < 4; o++) {
                        assertEquals(kernel[((h * 2 + x) * 3 + i) * 4 + o], w.getFloat(o, i, h, x), 0f);
                    }
                }
            }
        }
        float[] dense = layer(file, "predictions").weight("kernel").data();
        INDArray d = graph.getLayer("predictions").getParam("W");
        assertEquals(dense[2 * 3 + 1], d.getFloat(2, 1), 0f);
        INDArray gamma = graph.getLayer("bn").getParam("gamma");
        assertEquals(1.0, gamma.minNumber().doubleValue(), 0);
        assertEquals(1.0, gamma.maxNumber().doubleValue(), 0);
        assertArrayEquals(layer(file, "batch_normalization_204").weight("moving_mean").data(),
                graph.getLayer("bn").getParam("mean").toFloatVector(), 0f);
    }

    @Test
    void tinyNetworkGivesKerasOutputs() throws Exception {
        ComputationGraph graph = tinyGraph();
        copyTiny(graph, KerasWeightsFile.read(resource("tiny_keras_weights.h5")));
        Map<String, float[]> io = kerasIo();
        INDArray input = Nd4j.create(io.get("input"), new long[] {1, 7, 6, 3}, 'c').permute(0, 3, 1, 2).dup('c');
        Map<String, INDArray> out = graph.feedForward(input, false);
        assertArrayEquals(io.get("avg_pool"), out.get("avg_pool").toFloatVector(), 1e-5f);
        assertArrayEquals(io.get("predictions"), out.get("predictions").toFloatVector(), 1e-5f);
    }

    @Test
    void aShapeMismatchNamesTheFileTheLayerAndBothShapes() throws Exception {
        KerasWeightsFile file = KerasWeightsFile.read(resource("tiny_keras_weights.h5"));
        ComputationGraph graph = tinyGraph();
        KerasLayerWeights square = new KerasLayerWeights("conv2d_9",
                List.of(new KerasWeight("conv2d_9/kernel:0", "kernel", new long[] {3, 3, 3, 4}, new float[0])));
        IOException e = assertThrows(IOException.class, () -> KerasLayerCopy.check(graph.getConfiguration(), "conv",
                square, Kind.CONVOLUTION, file.file().toString()));
        assertTrue(e.getMessage().contains(file.file().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("conv2d_9"), e.getMessage());
        assertTrue(e.getMessage().contains("3x3x3x4") && e.getMessage().contains("3x2x3x4"), e.getMessage());
        IOException noBias = assertThrows(IOException.class, () -> KerasLayerCopy.check(graph.getConfiguration(), "up",
                layer(file, "conv2d_204"), Kind.CONVOLUTION, file.file().toString()));
        assertTrue(noBias.getMessage().contains("bias"), noBias.getMessage());
        IOException wrongKind = assertThrows(IOException.class, () -> KerasLayerCopy.check(graph.getConfiguration(),
                "bn", layer(file, "predictions"), Kind.BATCH_NORM, file.file().toString()));
        assertTrue(wrongKind.getMessage().contains("predictions"), wrongKind.getMessage());
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        Path missing = dir.resolve("none.h5");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> KerasWeightsFile.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aFileThatIsNotHdf5IsRefusedNamingIt() throws Exception {
        Path text = Files.writeString(dir.resolve("text.h5"), "not HDF5 at all");
        IOException e = assertThrows(IOException.class, () -> KerasWeightsFile.read(text));
        assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("HDF5"), e.getMessage());
    }

    @Test
    void anHdf5FileWithoutLayerNamesIsRefusedNamingIt() throws Exception {
        Path empty = dir.resolve("empty.h5");
        synchronized (org.deeplearning4j.nn.modelimport.keras.Hdf5Archive.LOCK_OBJECT) {
            H5File f = new H5File(empty.toString(), hdf5.H5F_ACC_TRUNC);
            f.close();
            f.deallocate();
        }
        IOException e = assertThrows(IOException.class, () -> KerasWeightsFile.read(empty));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("layer_names"), e.getMessage());
    }
}
