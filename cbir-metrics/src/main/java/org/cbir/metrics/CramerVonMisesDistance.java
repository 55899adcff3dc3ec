package org.cbir.metrics;

import org.cbir.core.ComponentSpec;

/**
 * Cramér-von Mises distance between histograms, in [0, n - 1] for {@code n} bins:
 * {@code sum_k (P_k - Q_k)^2}, where {@code P_k = sum_{i <= k} p_i} and {@code Q_k} are the
 * cumulative sums of the two histograms normalised to sum 1 (the "Cramér-von Mises divergence"
 * (CMD) of Araujo et al.'s pyCBIR, as in Puzicha et al., CVPR 1997). SciPy has no function for
 * this form; the reference values are {@code numpy.sum((numpy.cumsum(p) - numpy.cumsum(q))**2)}.
 *
 * <p>pyCBIR's reference code applies the same formula to the raw cumulative sums, so two
 * histograms of the same shape but different totals are far apart there; here they are at 0,
 * like the other histogram metrics. SciPy's {@code cramervonmises_2samp} treats the bin values
 * as samples, a different quantity.
 *
 * <p>The bin order matters, and the value grows with the number of bins (each bin adds at most
 * 1). Histogram rules (normalisation, negative entries refused, an all-zero histogram at the
 * maximum {@code n - 1} from any other): see the
 * {@linkplain org.cbir.metrics package documentation}. Stateless and thread-safe.
 */
public final class CramerVonMisesDistance extends HistogramDistance {
    static final String TYPE = "cramer-von-mises";

    /** The metric; prefer {@link Similarities#cramerVonMises()}. */
    public CramerVonMisesDistance() {
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE);
    }

    @Override
    double normalisedDistance(float[] a, double scaleA, float[] b, double scaleB) {
        double cdfA = 0;
        double cdfB = 0;
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            cdfA += a[i] * scaleA;
            cdfB += b[i] * scaleB;
            double d = cdfA - cdfB;
            sum += d * d;
        }
        return sum;
    }

    @Override
    double maximum(int n) {
        return Math.max(0, n - 1);
    }
}
