package org.cbir.core;

import java.util.List;
import org.cbir.core.internal.reduce.MinMaxScaling;
import org.cbir.core.internal.reduce.ZScore;

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

    /**
     * Z-score standardisation: learns each dimension's mean and population standard deviation
     * and applies {@code (x - mean) / sd} (a constant dimension is centred, not scaled), so that
     * no dimension dominates a search by its units. Spec type {@code z-score}; thread-safe.
     */
    static Reducer zScore() {
        return ZScore.standardisation();
    }

    /**
     * Min-max scaling to 0..1: learns each dimension's smallest and largest value and applies
     * {@code clamp((x - min) / (max - min), 0, 1)} (scikit-learn's {@code MinMaxScaler} with
     * {@code clip=True}); every output is non-negative, as the histogram metrics require. Spec
     * type {@code min-max}; thread-safe.
     */
    static Reducer minMax() {
        return MinMaxScaling.toUnitRange();
    }
}
