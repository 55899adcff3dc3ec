package org.cbir.metrics;

import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;

/**
 * Pearson correlation distance, {@code 1 - r(a, b)} in [0, 2], where
 * {@code r = sum_i (a_i - mean(a)) (b_i - mean(b)) / sqrt(sum_i (a_i - mean(a))^2 sum_i (b_i - mean(b))^2)}:
 * the "Pearson correlation coefficient" (PCC) of Araujo et al.'s pyCBIR turned into a distance,
 * equal to SciPy's {@code scipy.spatial.distance.correlation}. A perfectly correlated vector
 * is at 0, an uncorrelated one at 1, an anti-correlated one at 2.
 *
 * <p>pyCBIR's reference code returns {@code r} itself and sorts it as a distance, so it ranks
 * the least correlated images first; this class does not.
 *
 * <p>Pearson distance is the cosine distance of the centred vectors, and a constant vector
 * (zero vector included) has no direction once centred. As core's cosine distance does for zero
 * vectors, two constant vectors are at 0 and a constant vector and a non-constant one at 1
 * (neither correlated nor anti-correlated); SciPy returns NaN for both. A vector of length 1 is
 * constant. Any real-valued entries are accepted.
 *
 * <p>Computed in two passes in double precision on data shifted by its first entry, so a large
 * common offset does not cancel the deviations and a constant vector has exactly zero variance.
 * This loop stays here rather than in {@code VectorMath} because it is a centred co-moment,
 * not a plain dot product. Stateless and thread-safe.
 */
public final class PearsonDistance implements Similarity {
    static final String TYPE = "pearson";

    /** The metric; prefer {@link Similarities#pearson()}. */
    public PearsonDistance() {
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE);
    }

    @Override
    public double distance(float[] a, float[] b) {
        Similarity.requireSameLength(a, b);
        int n = a.length;
        if (n == 0) {
            return 0.0;
        }
        double a0 = a[0];
        double b0 = b[0];
        double sumA = 0;
        double sumB = 0;
        for (int i = 0; i < n; i++) {
            sumA += a[i] - a0;
            sumB += b[i] - b0;
        }
        double meanA = sumA / n;
        double meanB = sumB / n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = (a[i] - a0) - meanA;
            double db = (b[i] - b0) - meanB;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (saa == 0 || sbb == 0) {
            return saa == sbb ? 0.0 : 1.0;
        }
        double r = sab / (Math.sqrt(saa) * Math.sqrt(sbb));
        return 1.0 - Math.max(-1.0, Math.min(1.0, r));
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
