package org.cbir.nets.internal;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A batch's flat activations split into one signature per image. A static utility. */
public final class SignatureRows {
    private SignatureRows() {
    }

    /** {@code activations} as {@code count * dimension} floats in image order. */
    public static float[] flat(INDArray activations, int count, int dimension) {
        return activations.castTo(DataType.FLOAT).reshape('c', count, dimension).dup('c').data().asFloat();
    }

    /** Appends one new array of {@code dimension} values per image of {@code activations} to {@code out}. */
    public static void addRows(float[] activations, int count, int dimension, List<float[]> out) {
        for (int i = 0; i < count; i++) {
            float[] signature = new float[dimension];
            System.arraycopy(activations, i * dimension, signature, 0, dimension);
            out.add(signature);
        }
    }
}
