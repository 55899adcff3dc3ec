package org.cbir.metrics;

import org.cbir.core.ComponentSpec;

/**
 * Chi-square distance between histograms, in [0, 1]:
 * {@code sum_i (p_i - m_i)^2 / m_i = 1/2 sum_i (p_i - q_i)^2 / (p_i + q_i)} over the bins where
 * {@code m_i = (p_i + q_i) / 2 > 0}, with {@code p} and {@code q} the two histograms normalised
 * to sum 1. This is the symmetric chi-square statistic of Puzicha et al., "Non-parametric
 * similarity measures for unsupervised texture segmentation and image retrieval" (CVPR 1997),
 * used by Rubner et al., "Empirical evaluation of dissimilarity measures for color and
 * texture" (CVIU 2001); it equals SciPy's {@code scipy.stats.chisquare(p, f_exp=m).statistic}
 * on those bins.
 *
 * <p>The "chi-square dissimilarity" (CSD) of pyCBIR's reference code is Pearson's test
 * statistic {@code sum_i (a_i - b_i)^2 / b_i} with the second vector as the expected counts: it
 * is not symmetric and is infinite (or NaN) wherever the second histogram has an empty bin,
 * which texture and intensity histograms often have. The form above is symmetric, bounded and
 * defined for empty bins, and still ranks by the same chi-square idea.
 *
 * <p>Histogram rules (normalisation, negative entries refused, all-zero histograms at the
 * maximum 1 from any other): see the {@linkplain org.cbir.metrics package documentation}.
 * Stateless and thread-safe.
 */
public final class ChiSquareDistance extends HistogramDistance {
    static final String TYPE = "chi-square";

    /** The metric; prefer {@link Similarities#chiSquare()}. */
    public ChiSquareDistance() {
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE);
    }

    @Override
    double normalisedDistance(float[] a, double scaleA, float[] b, double scaleB) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double p = a[i] * scaleA;
            double q = b[i] * scaleB;
            double s = p + q;
            if (s > 0) {
                double d = p - q;
                sum += d * d / s;
            }
        }
        return 0.5 * sum;
    }

    @Override
    double maximum(int n) {
        return n < 2 ? 0.0 : 1.0;
    }
}
