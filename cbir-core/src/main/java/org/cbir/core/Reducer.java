package org.cbir.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The recipe of a dimensionality reduction or rescaling of signatures (PCA, z-score), which is
 * {@linkplain #fit fitted} on a sample of signatures, without labels, into a {@link Fitted}
 * transform that the pipeline applies to every stored signature and every query.
 */
public interface Reducer {

    /** The reducer type and its parameters, recorded in a saved pipeline's manifest. */
    ComponentSpec spec();

    /**
     * Learns the transform from {@code sample} (not modified), rows of equal length.
     *
     * @throws IllegalArgumentException if the sample is empty or its rows differ in length
     */
    Fitted fit(List<float[]> sample);

    /** A transform that {@link Fitted#save} wrote to {@code directory}. */
    Fitted load(Path directory) throws IOException;

    /** A fitted, immutable, thread-safe transform from one dimension to another. */
    interface Fitted extends Persistent {

        int inputDimension();

        int outputDimension();

        /**
         * The transformed signature, a new array of length {@link #outputDimension()}.
         *
         * @throws IllegalArgumentException if the input length is not {@link #inputDimension()}
         */
        float[] apply(float[] signature);
    }
}
