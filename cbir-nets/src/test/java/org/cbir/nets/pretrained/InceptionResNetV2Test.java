package org.cbir.nets.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InceptionResNetV2Test {
    /** Keras: {@code tf.keras.applications.InceptionResNetV2(weights=None).count_params()}. */
    private static final long KERAS_TOTAL = 55_873_736L;
    /** Keras's trainable parameters: convolution kernels, residual biases, dense, batch-norm beta. */
    private static final long KERAS_TRAINABLE = 55_813_192L;
    /** Keras's non-trainable parameters: batch-norm moving mean and variance. */
    private static final long KERAS_BN_STATISTICS = 60_544L;

    @TempDir
    Path dir;

    /**
     * Deeplearning4j counts, per batch-normalised channel, gamma, beta, mean and variance; Keras
     * has no gamma here ({@code scale=False}). So DL4J's total must be Keras's total plus one
     * gamma per channel, the mean and variance must be Keras's non-trainable count, and everything
     * but gamma, mean and variance must be Keras's trainable count.
     */
    @Test
    void parameterCountMapsOntoKerasFor1000Classes() {
        ComputationGraph graph = InceptionResNetV2.of(1000, InceptionResNetV2.MIN_SIZE, InceptionResNetV2.MIN_SIZE, 1)
                .init();
        long gamma = 0;
        long beta = 0;
        long statistics = 0;
        for (Map.Entry<String, INDArray> e : graph.paramTable().entrySet()) {
            String key = e.getKey().substring(e.getKey().lastIndexOf('_') + 1);
            long n = e.getValue().length();
            switch (key) {
                case "gamma" -> gamma += n;
                case "beta" -> beta += n;
                case "mean", "var", "log10stdev" -> statistics += n;
                default -> { }
            }
        }
        assertEquals(KERAS_BN_STATISTICS, statistics);
        assertEquals(KERAS_BN_STATISTICS / 2, gamma);
        assertEquals(gamma, beta);
        assertEquals(KERAS_TOTAL + gamma, graph.numParams());
        assertEquals(KERAS_TRAINABLE, graph.numParams() - gamma - statistics);
        for (Map.Entry<String, INDArray> e : graph.paramTable().entrySet()) {
            if (e.getKey().endsWith("_gamma")) {
                assertEquals(1.0, e.getValue().minNumber().doubleValue(), e.getKey());
                assertEquals(1.0, e.getValue().maxNumber().doubleValue(), e.getKey());
            }
        }
    }

    @Test
    void architectureHasThePapersBlocksAndScales() {
        ComputationGraphConfiguration conf = InceptionResNetV2.of(1000, 1).conf();
        Map<String, GraphVertex> vertices = conf.getVertices();
        int[] blocks = new int[3];
        double[] scaleSums = new double[3];
        String[] prefixes = {"block35_", "block17_", "block8_"};
        int biasedConvolutions = 0;
        for (Map.Entry<String, GraphVertex> e : vertices.entrySet()) {
            for (int k = 0; k < 3; k++) {
                if (e.getKey().startsWith(prefixes[k]) && e.getValue() instanceof ScaleVertex s) {
                    blocks[k]++;
                    scaleSums[k] += s.getScaleFactor();
                }
            }
            if (e.getValue() instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof ConvolutionLayer c
                    && c.hasBias()) {
                biasedConvolutions++;
                assertTrue(e.getKey().endsWith("_conv"), e.getKey());
            }
            if (e.getValue() instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BatchNormalization bn) {
                assertEquals(1e-3, bn.getEps(), 0);
            }
        }
        assertArrayEquals(new int[] {10, 20, 10}, blocks);
        assertEquals(10 * 0.17, scaleSums[0], 1e-12);
        assertEquals(20 * 0.1, scaleSums[1], 1e-12);
        assertEquals(9 * 0.2 + 1.0, scaleSums[2], 1e-12);
        assertEquals(40, biasedConvolutions);
        assertTrue(vertices.containsKey("block8_9_ac"));
        assertTrue(!vertices.containsKey("block8_10_ac"), "the last block8 has no activation");
    }

    @Test
    void forwardPassGivesA1536DimensionalNonNegativeSignature() {
        int size = InceptionResNetV2.MIN_SIZE;
        ComputationGraph graph = InceptionResNetV2.of(10, size, size, 3).init();
        Random random = new Random(5);
        float[] pixels = new float[3 * size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat() * 2 - 1;
        }
        INDArray input = Nd4j.create(pixels, new long[] {1, 3, size, size}, 'c');
        Map<String, INDArray> activations = graph.feedForward(input, false);
        INDArray signature = activations.get(InceptionResNetV2.SIGNATURE_LAYER);
        assertArrayEquals(new long[] {1, 1536}, signature.shape());
        assertTrue(signature.minNumber().doubleValue() >= 0, "average of ReLU outputs");
        assertTrue(signature.maxNumber().doubleValue() > 0);
        INDArray conv7b = activations.get("conv_7b_ac");
        assertEquals(conv7b.mean(2, 3).reshape(1, 1536), signature);
        assertArrayEquals(new long[] {1, 10}, activations.get(InceptionResNetV2.OUTPUT).shape());
    }

    @Test
    void tooSmallInputOrNoClassesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InceptionResNetV2.of(1000, 74, 299, 1));
        assertTrue(e.getMessage().contains("75"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InceptionResNetV2.of(0, 1));
    }

    @Test
    void missingKerasFileNamesThePathAndWhereItComesFrom() {
        Path h5 = dir.resolve("inception_resnet_v2.h5");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> InceptionResNetV2.fromKerasH5(h5));
        assertTrue(e.getMessage().contains(h5.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("InceptionResNetV2(weights='imagenet')"), e.getMessage());
    }

    /** Read and checked before the 56M parameters are allocated, so this is quick. */
    @Test
    void theWeightsOfAnotherKerasNetworkAreRefusedNamingFileAndLayer() throws Exception {
        Path tiny = KerasWeightsFileTest.resource("tiny_keras_weights.h5");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> InceptionResNetV2.fromKerasH5(tiny));
        assertTrue(e.getMessage().contains(tiny.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("1 automatically named conv2d layers, but Inception-ResNet-v2 has 203"),
                e.getMessage());
        assertTrue(e.getMessage().contains("stem_conv2"), e.getMessage());
    }

    @Test
    void aFileThatIsNoKerasModelIsRefusedNamingIt() throws java.io.IOException {
        Path h5 = java.nio.file.Files.writeString(dir.resolve("not-hdf5.h5"), "plain text, not HDF5");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> InceptionResNetV2.fromKerasH5(h5));
        assertTrue(e.getMessage().contains(h5.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("HDF5"), e.getMessage());
    }
}
