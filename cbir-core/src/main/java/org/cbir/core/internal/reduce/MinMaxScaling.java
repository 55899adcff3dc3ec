package org.cbir.core.internal.reduce;

import java.util.List;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Reducer;

/**
 * Min-max scaling to 0..1: the recipe that learns, per signature dimension, the smallest and the
 * largest value of a sample, and {@linkplain FittedMinMax applies}
 * {@code clamp((x - min) / (max - min), 0, 1)} (scikit-learn's {@code MinMaxScaler} with
 * {@code clip=True}). Like {@link ZScore} it puts dimensions of different units on one scale;
 * unlike it, every output is non-negative, as the histogram metrics (chi-square,
 * Kullback-Leibler, earth mover's...) require, so that they can rank signatures with signed
 * entries such as {@link org.cbir.core.internal.extract.FirstOrderStatistics}'s skewness. Values outside
 * the sample's range clamp to 0 or 1; a dimension constant in the sample maps to 0.
 *
 * <p>Stateless, immutable and thread-safe; spec type {@value #TYPE}, without parameters.
 */
public final class MinMaxScaling implements Reducer {
    /** The component type in specs. */
    public static final String TYPE = "min-max";

    private static final MinMaxScaling INSTANCE = new MinMaxScaling();

    private MinMaxScaling() {
    }

    /** The min-max recipe. */
    public static MinMaxScaling toUnitRange() {
        return INSTANCE;
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE);
    }

    /** The recipe that {@link #spec()} describes. */
    public static MinMaxScaling fromSpec(ComponentSpec spec) {
        spec.requireNoParameters(TYPE);
        return toUnitRange();
    }

    /**
     * Learns each dimension's range.
     *
     * @throws IllegalArgumentException if the sample is empty, a row is null or empty, rows
     *     differ in length, or a value is not finite (each message names the row)
     */
    @Override
    public FittedMinMax fit(List<float[]> sample) {
        Objects.requireNonNull(sample, "sample");
        int dimension = SampleRows.dimension(sample, TYPE);
        float[] min = sample.get(0).clone();
        float[] max = sample.get(0).clone();
        for (float[] row : sample) {
            for (int d = 0; d < dimension; d++) {
                min[d] = Math.min(min[d], row[d]);
                max[d] = Math.max(max[d], row[d]);
            }
        }
        return new FittedMinMax(min, max);
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
