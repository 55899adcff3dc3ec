package org.cbir.nets.cnn;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A normalised (cosine) softmax with an additive margin, the CosFace / AM-softmax loss (Wang et
 * al., "CosFace: Large Margin Cosine Loss for Deep Face Recognition", CVPR 2018): with embedding
 * {@code x}, class weights {@code w_j}, both L2-normalised, and {@code cos_j = x . w_j}, the loss
 * of an image of class {@code y} is
 * <pre>
 *   -log( exp(s (cos_y - m)) / (exp(s (cos_y - m)) + sum_{j != y} exp(s cos_j)) )
 * </pre>
 * averaged over the mini-batch; {@code s} is the scale (an inverse temperature) and {@code m}
 * the margin. Because only angles count, images of a class gather in a cone around its weight
 * vector, which is what cosine nearest-neighbour search ranks by. Labels are one-hot rows; the
 * activations ({@code out}) are {@code softmax(s cos)}.
 */
final class CosineSoftmaxLayer extends EmbeddingLossLayer {
    private double scale;
    private double margin;

    private CosineSoftmaxLayer() {
    }

    /**
     * @param classes the number of classes (the layer's outputs)
     * @param scale s, at least 1
     * @param margin m, in [0, 1)
     */
    CosineSoftmaxLayer(int classes, double scale, double margin) {
        super(classes);
        this.scale = scale;
        this.margin = margin;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels, Map<String, SDVariable> params) {
        SDVariable cosines = rowsNormalised(sd, input).mmul(columnsNormalised(sd, params.get(WEIGHTS)));
        sd.nn().softmax(activationsVertexName(), cosines.mul(scale), 1);
        SDVariable logits = cosines.sub(labels.mul(margin)).mul(scale);
        return crossEntropy(sd, logits, labels);
    }
}
