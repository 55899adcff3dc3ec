package org.cbir.metrics;

import org.cbir.core.ComponentSpec;

/**
 * Jeffrey divergence between histograms, in nats, in [0, 2 ln 2]:
 * {@code sum_i p_i ln(p_i / m_i) + q_i ln(q_i / m_i)} with {@code m = (p + q) / 2} and
 * {@code p}, {@code q} the two histograms normalised to sum 1; terms with a zero {@code p_i}
 * or {@code q_i} count 0. This is the Jeffrey divergence of Puzicha et al., "Non-parametric
 * similarity measures for unsupervised texture segmentation and image retrieval" (CVPR 1997)
 * and Rubner et al., "Empirical evaluation of dissimilarity measures for color and texture"
 * (CVIU 2001), the form pyCBIR's reference code intends. It equals
 * {@code scipy.stats.entropy(p, m) + scipy.stats.entropy(q, m)}, twice the Jensen-Shannon
 * divergence ({@code 2 * scipy.spatial.distance.jensenshannon(p, q)**2}).
 *
 * <p><b>Why this form.</b> Jeffreys' original symmetric divergence {@code KL(p||q) + KL(q||p)}
 * is infinite wherever one histogram has an empty bin and needs an arbitrary epsilon; measured
 * against the mean {@code m}, which is positive wherever either histogram has mass, the
 * divergence is symmetric, finite and bounded with no parameter, and still penalises mass that
 * only one histogram has.
 *
 * <p>pyCBIR's reference code always returns 0 (it compares the first histogram with itself)
 * and also uses {@code log10} and skips bin 0; this class has none of those bugs. Histogram
 * rules (normalisation, negative entries refused, an all-zero histogram at the maximum
 * {@code 2 ln 2} from any other): see the {@linkplain org.cbir.metrics package documentation}.
 * Stateless and thread-safe.
 */
public final class JeffreyDivergence extends HistogramDistance {
    static final String TYPE = "jeffrey";
    private static final double TWO_LN_2 = 2 * Math.log(2);

    /** The metric; prefer {@link Similarities#jeffrey()}. */
    public JeffreyDivergence() {
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
            double m = 0.5 * (p + q);
            if (p > 0) {
                sum += p * Math.log(p / m);
            }
            if (q > 0) {
                sum += q * Math.log(q / m);
            }
        }
        return Math.max(0.0, sum);
    }

    @Override
    double maximum(int n) {
        return n < 2 ? 0.0 : TWO_LN_2;
    }
}
