package org.cbir.nets.lenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cbir.nets.internal.InferenceNetwork;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The op-by-op inference ({@link InferenceNetwork}) gives Deeplearning4j's own inference activations, layer by layer, on
 * both architectures; the batch-normalisation statistics are set away from their initial
 * 0 and 1 so that the folded scale and shift are exercised.
 */
class LeNetInferenceTest {

    @ParameterizedTest
    @EnumSource(LeNetArchitecture.class)
    void everyHiddenLayerMatchesDeeplearning4jInference(LeNetArchitecture architecture) {
        LeNetOptions options = LeNetOptions.builder().architecture(architecture).inputSize(32, 28).seed(5).build();
        MultiLayerNetwork network = new MultiLayerNetwork(architecture.configuration(options, 3));
        network.init();
        Nd4j.getRandom().setSeed(9);
        for (int i = 0; i < network.getnLayers(); i++) {
            if (network.getLayer(i).conf().getLayer() instanceof BatchNormalization) {
                long channels = network.getLayer(i).getParam("mean").length();
                network.getLayer(i).setParam("mean", Nd4j.rand(DataType.FLOAT, 1, channels).subi(0.5));
                network.getLayer(i).setParam("log10stdev", Nd4j.rand(DataType.FLOAT, 1, channels).subi(0.5));
                network.getLayer(i).setParam("gamma", Nd4j.rand(DataType.FLOAT, 1, channels).addi(0.5));
                network.getLayer(i).setParam("beta", Nd4j.rand(DataType.FLOAT, 1, channels).subi(0.5));
            }
        }
        INDArray batch = Nd4j.rand(DataType.FLOAT, 5, 1, 28, 32);
        List<INDArray> expected = network.feedForwardToLayer(network.getnLayers() - 2, batch, false);
        for (int layer = 0; layer < architecture.hiddenLayers().size(); layer++) {
            assertTrue(InferenceNetwork.supports(network, layer));
            float[] want = expected.get(layer + 1).dup('c').data().asFloat();
            float[] got = InferenceNetwork.of(network, layer).output(batch).dup('c').data().asFloat();
            float scale = 0;
            for (float v : want) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertArrayEquals(want, got, 1e-5f * Math.max(1, scale), architecture + " layer "
                    + architecture.hiddenLayers().get(layer));
        }
    }

    @ParameterizedTest
    @EnumSource(LeNetArchitecture.class)
    void theOutputLayerIsNotComputedOpByOp(LeNetArchitecture architecture) {
        LeNetOptions options = LeNetOptions.builder().architecture(architecture).build();
        MultiLayerNetwork network = new MultiLayerNetwork(architecture.configuration(options, 2));
        network.init();
        assertFalse(InferenceNetwork.supports(network, network.getnLayers() - 1));
    }
}
