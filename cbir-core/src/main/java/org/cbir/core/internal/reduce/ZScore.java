package org.cbir.core.internal.reduce;

import java.util.List;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Reducer;

/**
 * Z-score standardisation: the recipe that learns, per signature dimension, the mean and the
 * population standard deviation of a sample, and {@linkplain FittedZScore applies}
 * {@code (x - mean) / sd}. It puts every dimension on the same scale, so that a Euclidean or
 * cosine search is not dominated by the few dimensions with the largest raw values (a CNN
 * activation next to a 0..1 histogram bin, for instance). The dimension is unchanged.
 *
 * <p>The standard deviation is the population one ({@code sqrt(sum (x - mean)^2 / n)}, NumPy's
 * default {@code ddof=0}). A dimension whose sample values are all equal has standard deviation
 * 0: it is centred but not scaled (its output is {@code x - mean}), because there is no spread to
 * scale by; such a dimension carries no information about the sample, and leaving it centred
 * keeps it at 0 for every signature like the sample.
 *
 * <p>Stateless, immutable and thread-safe; spec type {@value #TYPE}, without parameters.
 */
public final class ZScore implements Reducer {
    /** The component type in specs. */
    public static final String TYPE = "z-score";

    private static final ZScore INSTANCE = new ZScore();

    private ZScore() {
    }

    /** The z-score recipe. */
    public static ZScore standardisation() {
        return INSTANCE;
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE);
    }

    /** The recipe that {@link #spec()} describes. */
    public static ZScore fromSpec(ComponentSpec spec) {
        spec.requireNoParameters(TYPE);
        return standardisation();
    }

    /**
     * Learns means and standard deviations in double precision.
     *
     * @throws IllegalArgumentException if the sample is empty, a row is null or empty, rows
     *     differ in length, or a value is not finite (each message names the row)
     */
    @Override
    public FittedZScore fit(List<float[]> sample) {
        Objects.requireNonNull(sample, "sample");
        int dimension = SampleRows.dimension(sample, TYPE);
        int n = sample.size();
        double[] mean = new double[dimension];
        float[] min = sample.get(0).clone();
        float[] max = sample.get(0).clone();
        for (float[] row : sample) {
            for (int d = 0; d < dimension; d++) {
                mean[d] += row[d];
                min[d] = Math.min(min[d], row[d]);
                max[d] = Math.max(max[d], row[d]);
            }
        }
        double[] squares = new double[dimension];
        for (int d = 0; d < dimension; d++) {
            mean[d] /= n;
        }
        for (float[] row : sample) {
            for (int d = 0; d < dimension; d++) {
                double dev = row[d] - mean[d];
                squares[d] += dev * dev;
            }
        }
        float[] means = new float[dimension];
        float[] deviations = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            if (min[d] == max[d]) {
                // all equal: exactly that value and no spread, whatever rounding the sums had
                means[d] = min[d];
                deviations[d] = 0f;
            } else {
                means[d] = (float) mean[d];
                deviations[d] = (float) Math.sqrt(squares[d] / n);
            }
        }
        return new FittedZScore(means, deviations);
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
