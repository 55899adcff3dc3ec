package org.cbir.nets.cnn;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The normalised temperature-scaled cross-entropy (NT-Xent) of SimCLR (Chen et al., "A Simple
 * Framework for Contrastive Learning of Visual Representations", ICML 2020), after the last
 * linear map of the projection head ({@code z = x W}). With {@code z_i} L2-normalised and
 * {@code sim_ik = z_i . z_k / tau}, the loss of sample {@code i} whose positive is {@code p} is
 * <pre>
 *   -log( exp(sim_ip) / sum_{k != i} exp(sim_ik) )
 * </pre>
 * averaged over the mini-batch. The "labels" of a batch of {@code B} samples are a
 * {@code B x B} matrix that only says which samples pair up, never a class: row {@code i} holds
 * -1 at column {@code i} (the sample itself, excluded from the denominator), its positives'
 * weights (summing to 1; one positive of weight 1 for SimCLR's two views) and 0 elsewhere. The
 * activations ({@code out}) are the normalised projections.
 */
final class NtXentLayer extends EmbeddingLossLayer {
    /** Subtracted from the logit of a sample against itself: exp of it is 0 in float. */
    private static final double SELF = 1e4;

    private double temperature;

    private NtXentLayer() {
    }

    /**
     * @param projection the size of {@code z}
     * @param temperature tau, positive
     */
    NtXentLayer(int projection, double temperature) {
        super(projection);
        this.temperature = temperature;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels, Map<String, SDVariable> params) {
        SDVariable z = rowsNormalised(sd, input.mmul(params.get(WEIGHTS)));
        z = sd.identity(activationsVertexName(), z);
        SDVariable similarities = sd.mmul(z, z, false, true, false).div(temperature);
        SDVariable self = sd.nn().relu(labels.neg(), 0);
        SDVariable logits = similarities.sub(self.mul(SELF));
        return crossEntropy(sd, logits, sd.nn().relu(labels, 0));
    }
}
