package org.cbir.nets.cnn;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffOutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output layers of {@link CnnNetwork}: a weight matrix {@value #WEIGHTS} of
 * {@code nIn x nOut} (Glorot-initialised, no bias) on L2-normalised rows of the layer input, and a
 * loss that shapes the embedding for nearest-neighbour search, defined in SameDiff so that
 * Deeplearning4j differentiates it. Used in training only: signatures are taken before it.
 * Subclasses hold their settings in fields so that Deeplearning4j's JSON configuration saves and
 * restores them; not thread-safe while being configured.
 */
abstract class EmbeddingLossLayer extends SameDiffOutputLayer {
    static final String WEIGHTS = "W";
    /** Keeps square roots away from zero for all-zero rows. */
    static final double EPSILON = 1e-12;

    protected long nIn;
    protected long nOut;

    protected EmbeddingLossLayer() {
    }

    protected EmbeddingLossLayer(long nOut) {
        this.nOut = nOut;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (override || nIn <= 0) {
            nIn = ((InputType.InputTypeFeedForward) inputType).getSize();
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(nOut);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(WEIGHTS, nIn, nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        initWeights((int) nIn, (int) nOut, WeightInit.XAVIER, params.get(WEIGHTS));
    }

    @Override
    public String activationsVertexName() {
        return "out";
    }

    /** Each row of {@code x} divided by its L2 norm. */
    static SDVariable rowsNormalised(SameDiff sd, SDVariable x) {
        return x.div(sd.math().sqrt(x.mul(x).sum(true, 1).add(EPSILON)));
    }

    /** Each column of {@code w} divided by its L2 norm. */
    static SDVariable columnsNormalised(SameDiff sd, SDVariable w) {
        return w.div(sd.math().sqrt(w.mul(w).sum(true, 0).add(EPSILON)));
    }

    /**
     * {@code -sum over rows of sum_j weights_ij * logSoftmax(logits)_ij}, cross-entropy against soft
     * targets, registered as the variable Deeplearning4j minimises; Deeplearning4j divides it by the
     * mini-batch size, so its score is the mean loss per sample. The log-softmax is written out
     * ({@code x - max - log sum exp(x - max)}, per row) because SameDiff's op with an axis does not
     * set up in this version.
     */
    static SDVariable crossEntropy(SameDiff sd, SDVariable logits, SDVariable weights) {
        SDVariable shifted = logits.sub(logits.max(true, 1));
        SDVariable logSoftmax = shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, 1)));
        SDVariable loss = logSoftmax.mul(weights).sum().neg();
        sd.setLossVariables(loss);
        return loss;
    }
}
