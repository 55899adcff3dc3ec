package org.cbir.metrics;

import org.cbir.core.ComponentSpec;

/**
 * Kullback-Leibler divergence of the first histogram from the second, in nats:
 * {@code KL(p~ || q~) = sum_i p~_i ln(p~_i / q~_i)}, where {@code p~} and {@code q~} are the
 * two histograms normalised to sum 1 and then smoothed by an epsilon:
 * {@code p~_i = (p_i + epsilon) / (1 + n epsilon)}. It equals SciPy's
 * {@code scipy.stats.entropy(p + epsilon, q + epsilon)} (which normalises its arguments), and
 * with {@code epsilon = 0} the "Kullback-Leibler divergence" (KLD) of pyCBIR's reference code,
 * {@code scipy.stats.entropy(a, b)}.
 *
 * <p><b>Why an epsilon.</b> Without smoothing the divergence is infinite as soon as a bin is
 * empty in the second histogram and not in the first, so every such pair ties at infinity and
 * the ranking says nothing about them. The default {@link #DEFAULT_EPSILON} = 1e-10 is far below
 * the mass of one count in any histogram of fewer than 10^9 samples, so it changes the
 * divergence of histograms whose bins are all well above epsilon only by the order of
 * {@code n epsilon}, while an empty bin costs at most {@code ln(1/epsilon)} (about 23) per unit
 * of mass instead of infinity. {@code epsilon = 0} is allowed and gives SciPy's exact
 * value, {@link Double#POSITIVE_INFINITY} included ({@code 0 ln 0} counts 0).
 *
 * <p>Not symmetric: {@code distance(a, b)} is {@code KL(a || b)}, the divergence of the first
 * argument from the second. Use {@link JeffreyDivergence} for a symmetric, bounded form. Histogram rules
 * (normalisation, negative entries refused, an all-zero histogram at the maximum
 * {@code ln((1 + epsilon) / epsilon) / (1 + n epsilon)} from any other, the divergence of two
 * point masses in different bins, 0 when n &lt; 2): see the {@linkplain org.cbir.metrics package
 * documentation}. Immutable and thread-safe.
 */
public final class KullbackLeiblerDivergence extends HistogramDistance {
    static final String TYPE = "kullback-leibler";
    static final String EPSILON = "epsilon";

    /** The smoothing added to each normalised bin by default. */
    public static final double DEFAULT_EPSILON = 1e-10;

    private final double epsilon;

    /** The divergence with {@link #DEFAULT_EPSILON}; prefer {@link Similarities#kullbackLeibler()}. */
    public KullbackLeiblerDivergence() {
        this(DEFAULT_EPSILON);
    }

    /**
     * The divergence with the given smoothing.
     *
     * @param epsilon the mass added to every normalised bin before renormalising: larger values
     *     penalise empty bins less; 0 gives the unsmoothed divergence, infinite when the second
     *     histogram has an empty bin where the first has mass
     * @throws IllegalArgumentException if {@code epsilon} is negative, NaN or infinite
     */
    public KullbackLeiblerDivergence(double epsilon) {
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException(TYPE + ": epsilon must be finite and >= 0, got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    /** The smoothing added to each normalised bin. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE, EPSILON, epsilon);
    }

    @Override
    double normalisedDistance(float[] a, double scaleA, float[] b, double scaleB) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double p = a[i] * scaleA + epsilon;
            if (p > 0) {
                double q = b[i] * scaleB + epsilon;
                sum += p * Math.log(p / q);
            }
        }
        return Math.max(0.0, sum / (1 + a.length * epsilon));
    }

    @Override
    double maximum(int n) {
        if (n < 2) {
            return 0.0;
        }
        return Math.log((1 + epsilon) / epsilon) / (1 + n * epsilon);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KullbackLeiblerDivergence other
                && Double.compare(epsilon, other.epsilon) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(epsilon);
    }
}
