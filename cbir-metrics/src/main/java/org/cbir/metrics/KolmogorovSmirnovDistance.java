package org.cbir.metrics;

import org.cbir.core.ComponentSpec;

/**
 * Kolmogorov-Smirnov distance between histograms, in [0, 1]: {@code max_k |P_k - Q_k|}, where
 * {@code P_k = sum_{i <= k} p_i} and {@code Q_k} are the cumulative sums of the two histograms
 * normalised to sum 1, that is, the largest gap between the cumulative distributions the two
 * histograms describe over their ordered bins (the "Kolmogorov-Smirnov divergence" (KSD) of
 * Araujo et al.'s pyCBIR, as in Puzicha et al., CVPR 1997). SciPy has no function for this
 * form; the reference values are {@code numpy.max(numpy.abs(numpy.cumsum(p) - numpy.cumsum(q)))}.
 *
 * <p>pyCBIR's reference code calls {@code scipy.stats.ks_2samp(a, b)}, which treats the bin
 * values themselves as two samples and so ignores which bin holds which value; that is a
 * different quantity and is not what this class computes.
 *
 * <p>The bin order matters, so it suits ordered histograms (intensity, first-order
 * statistics). Histogram rules (normalisation, negative entries refused, an all-zero histogram
 * at the maximum 1 from any other): see the {@linkplain org.cbir.metrics package
 * documentation}. Stateless and thread-safe.
 */
public final class KolmogorovSmirnovDistance extends HistogramDistance {
    static final String TYPE = "kolmogorov-smirnov";

    /** The metric; prefer {@link Similarities#kolmogorovSmirnov()}. */
    public KolmogorovSmirnovDistance() {
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE);
    }

    @Override
    double normalisedDistance(float[] a, double scaleA, float[] b, double scaleB) {
        double cdfA = 0;
        double cdfB = 0;
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            cdfA += a[i] * scaleA;
            cdfB += b[i] * scaleB;
            max = Math.max(max, Math.abs(cdfA - cdfB));
        }
        return max;
    }

    @Override
    double maximum(int n) {
        return n < 2 ? 0.0 : 1.0;
    }
}
