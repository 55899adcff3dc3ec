package org.cbir.nets.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Random;
import org.cbir.nets.internal.OneDnnHelpers;
import org.deeplearning4j.config.DL4JClassLoading;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A compact CNN built with Deeplearning4j's CPU layer helpers ({@link OneDnnHelpers}) really runs
 * them, and is the same model as the one built with Deeplearning4j's plain layers: the same
 * initial parameters, the same loss and gradients of a step to float tolerance, and after several
 * Adam steps the same losses and parameters; with both losses (cosine softmax, NT-Xent).
 */
class LayerHelpersTest {
    private static final CnnInput INPUT = new CnnInput(16, 14, 1, 0.4, 0.25);
    private static final String DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    private static CnnOptions options(boolean ssl) {
        return (ssl ? CnnOptions.simclr() : CnnOptions.builder()).filters(4).stages(2).convolutions(2).embedding(8)
                .seed(23).build();
    }

    private static MultiLayerNetwork network(CnnOptions options, boolean helpers) {
        MultiLayerNetwork network = new MultiLayerNetwork(CnnNetwork.configuration(options, INPUT, 3));
        if (helpers) {
            OneDnnHelpers.during(() -> {
                network.init();
                return network;
            });
        } else {
            network.init();
        }
        return network;
    }

    @Test
    void theHelpersAreEngagedOnlyInsideTheConstruction() throws Exception {
        assertTrue(OneDnnHelpers.enabled(), "the CPU backend gets the helpers");
        String before = System.getProperty(DISABLE);
        MultiLayerNetwork with = network(options(false), true);
        assertEquals(before, System.getProperty(DISABLE), "Deeplearning4j's property is restored");
        MultiLayerNetwork without = network(options(false), false);
        int conv = CnnNetwork.layerNames(options(false)).indexOf("conv_0_0");
        int bn = CnnNetwork.layerNames(options(false)).indexOf("bn_0_0");
        int pool = CnnNetwork.layerNames(options(false)).indexOf("pool_1");
        for (int layer : new int[] {conv, bn, pool}) {
            assertNotNull(helper(with, layer), "layer " + layer + " runs its helper");
            assertNull(helper(without, layer), "layer " + layer + " outside: Deeplearning4j's default");
        }
        // the switch Deeplearning4j's oneDNN check reads
        Class<?> shim = DL4JClassLoading.loadClassByName("org.nd4j.nativeblas.Nd4jCpu$Environment");
        Object instance = shim.getMethod("getInstance").invoke(null);
        assertEquals(Boolean.TRUE, shim.getMethod("isUseMKLDNN").invoke(instance));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theGradientsAndTheFirstStepsEqualThePlainLayers(boolean ssl) {
        CnnOptions options = options(ssl);
        MultiLayerNetwork plain = network(options, false);
        MultiLayerNetwork helped = network(options, true);
        assertEquals(plain.params(), helped.params(), "the same seeded initialisation");

        DataSet first = batch(ssl, 1);
        float[] g0 = gradient(plain, first);
        float[] g1 = gradient(helped, first);
        assertEquals(plain.score(), helped.score(), 1e-5 * Math.abs(plain.score()), "loss of the first batch");
        double largest = 0;
        for (float g : g0) {
            largest = Math.max(largest, Math.abs(g));
        }
        assertTrue(largest > 1e-3, "the gradient is not trivially zero");
        for (int i = 0; i < g0.length; i++) {
            assertEquals(g0[i], g1[i], 1e-4 * largest, "gradient " + i + " of " + g0.length);
        }

        for (int step = 0; step < 4; step++) {
            DataSet batch = batch(ssl, 10 + step);
            plain.fit(batch);
            helped.fit(batch);
            assertEquals(plain.score(), helped.score(), 1e-4 * Math.abs(plain.score()), "loss of step " + step);
        }
        // every parameter but the convolutions' biases, which the batch normalisation right after each
        // convolution cancels: their true gradient is zero, the computed one float noise that Adam scales
        // up to full steps, differently on the two paths, with no effect on any training output; and so
        // but the normalisations' running means, which follow those biases (training re-estimates them)
        int compared = 0;
        for (int j = 0; j < plain.getnLayers(); j++) {
            Object kind = plain.getLayer(j).conf().getLayer();
            for (String name : plain.getLayer(j).paramTable().keySet()) {
                if (kind instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer && name.equals("b")
                        || kind instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization && name.equals("mean")) {
                    continue;
                }
                float[] p0 = plain.getLayer(j).getParam(name).dup().data().asFloat();
                float[] p1 = helped.getLayer(j).getParam(name).dup().data().asFloat();
                for (int i = 0; i < p0.length; i++) {
                    assertEquals(p0[i], p1[i], 1e-4 * Math.max(1, Math.abs(p0[i])),
                            "layer " + j + " " + name + "[" + i + "] after 5 steps");
                }
                compared++;
            }
        }
        assertTrue(compared > 10, "weights, scales, shifts and statistics compared");
        // and the two networks compute the same embeddings (with batch statistics, where the biases cancel)
        INDArray x = batch(ssl, 99).getFeatures();
        int e = CnnNetwork.embeddingIndex(options);
        float[] a = plain.feedForwardToLayer(e, x, true).get(e + 1).dup().data().asFloat();
        float[] b = helped.feedForwardToLayer(e, x, true).get(e + 1).dup().data().asFloat();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-3 * Math.max(1, Math.abs(a[i])), "embedding value " + i);
        }
    }

    private static float[] gradient(MultiLayerNetwork network, DataSet batch) {
        network.setInput(batch.getFeatures());
        network.setLabels(batch.getLabels());
        network.computeGradientAndScore();
        return network.gradient().gradient().dup().data().asFloat();
    }

    /** Eight rows: labelled rows of three classes, or four pairs of views with NT-Xent's pairing. */
    private static DataSet batch(boolean ssl, long seed) {
        Random random = new Random(seed);
        int rows = 8;
        float[] features = new float[rows * INPUT.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) random.nextGaussian();
        }
        int columns = ssl ? rows : 3;
        float[] targets = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            if (ssl) {
                targets[r * rows + r] = -1f;
                targets[r * rows + (r ^ 1)] = 1f;
            } else {
                targets[r * 3 + r % 3] = 1f;
            }
        }
        INDArray x = Nd4j.create(features, new long[] {rows, 1, 14, 16}, 'c');
        return new DataSet(x, Nd4j.create(targets, new long[] {rows, columns}, 'c'));
    }

    private static Object helper(MultiLayerNetwork network, int layer) throws ReflectiveOperationException {
        Class<?> c = network.getLayer(layer).getClass();
        while (c != null) {
            try {
                Field f = c.getDeclaredField("helper");
                f.setAccessible(true);
                return f.get(network.getLayer(layer));
            } catch (NoSuchFieldException e) {
                c = c.getSuperclass();
            }
        }
        throw new NoSuchFieldException("helper in " + network.getLayer(layer).getClass());
    }
}
