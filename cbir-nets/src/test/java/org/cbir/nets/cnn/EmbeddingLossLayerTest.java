package org.cbir.nets.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** The two retrieval losses against examples worked out by hand (the arithmetic is in the comments). */
class EmbeddingLossLayerTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void cosineSoftmaxWithMarginMatchesTheHandComputedLoss() {
        // x1 = (3, 4) normalises to (0.6, 0.8), x2 = (1, 0); W = I, so the cosines are the coordinates.
        // Scale s = 2, margin m = 0.5; x1 is class 1, x2 class 0.
        // x1: logits s * (0.6, 0.8 - 0.5) = (1.2, 0.6): loss -log(e^0.6 / (e^1.2 + e^0.6))
        // x2: logits s * (1 - 0.5, 0) = (1, 0):        loss -log(e^1 / (e^1 + e^0))
        double expected = (-Math.log(Math.exp(0.6) / (Math.exp(1.2) + Math.exp(0.6)))
                - Math.log(Math.exp(1) / (Math.exp(1) + 1))) / 2;
        double loss = score(new CosineSoftmaxLayer(2, 2, 0.5), Nd4j.createFromArray(new float[][] {{3, 4}, {1, 0}}),
                Nd4j.createFromArray(new float[][] {{0, 1}, {1, 0}}));
        assertEquals(expected, loss, TOLERANCE);
    }

    @Test
    void ntXentMatchesTheHandComputedLoss() {
        // z0 = (1, 0), z1 = (0.6, 0.8), z2 = (0, 1), z3 = (-1, 0), all unit length; W = I; pairs (0,1) and (2,3).
        // tau = 0.5, so each logit is 2 z_i . z_k:
        //   row 0: to 1: 1.2, to 2: 0,   to 3: -2     positive 1
        //   row 1: to 0: 1.2, to 2: 1.6, to 3: -1.2   positive 0
        //   row 2: to 0: 0,   to 1: 1.6, to 3: 0      positive 3
        //   row 3: to 0: -2,  to 1: -1.2, to 2: 0     positive 2
        double l0 = -Math.log(Math.exp(1.2) / (Math.exp(1.2) + 1 + Math.exp(-2)));
        double l1 = -Math.log(Math.exp(1.2) / (Math.exp(1.2) + Math.exp(1.6) + Math.exp(-1.2)));
        double l2 = -Math.log(1 / (1 + Math.exp(1.6) + 1));
        double l3 = -Math.log(1 / (Math.exp(-2) + Math.exp(-1.2) + 1));
        INDArray z = Nd4j.createFromArray(new float[][] {{1, 0}, {0.6f, 0.8f}, {0, 1}, {-1, 0}});
        INDArray pairs = Nd4j.createFromArray(new float[][] {
                {-1, 1, 0, 0}, {1, -1, 0, 0}, {0, 0, -1, 1}, {0, 0, 1, -1}});
        assertEquals((l0 + l1 + l2 + l3) / 4, score(new NtXentLayer(2, 0.5), z, pairs), TOLERANCE);
    }

    /** The loss of a network made of the layer alone, its weights the 2x2 identity. */
    private static double score(Layer layer, INDArray input, INDArray labels) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list().layer(layer).setInputType(InputType.feedForward(2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).getParam(EmbeddingLossLayer.WEIGHTS).assign(Nd4j.eye(2));
        net.setInput(input);
        net.setLabels(labels);
        net.computeGradientAndScore();
        return net.score();
    }
}
