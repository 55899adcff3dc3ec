package org.cbir.nets;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The signature arithmetic the CNN extractors share: a layer's activations for a batch, averaged
 * over space when they have a spatial extent (one value per channel), and the split of a batch's
 * flat activations into one array per image. A static utility; callers serialise forward passes.
 */
final class GraphSignatures {
    private GraphSignatures() {
    }

    /**
     * The activations of {@code layer} of {@code network} for an NCHW {@code batch} of {@code count}
     * images, spatially averaged if the layer is convolutional, as {@code count * dimension} floats.
     */
    static float[] activations(ComputationGraph network, INDArray batch, String layer, int count, int dimension) {
        INDArray a = network.feedForward(batch, false).get(layer);
        if (a.rank() == 4) {
            a = a.mean(2, 3);
        }
        return flat(a, count, dimension);
    }

    /** {@code activations} as {@code count * dimension} floats in image order. */
    static float[] flat(INDArray activations, int count, int dimension) {
        return activations.castTo(DataType.FLOAT).reshape('c', count, dimension).dup('c').data().asFloat();
    }

    /** Appends one new array of {@code dimension} values per image of {@code activations} to {@code out}. */
    static void addRows(float[] activations, int count, int dimension, List<float[]> out) {
        for (int i = 0; i < count; i++) {
            float[] signature = new float[dimension];
            System.arraycopy(activations, i * dimension, signature, 0, dimension);
            out.add(signature);
        }
    }
}
