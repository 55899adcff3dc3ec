package org.cbir.metrics;

import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;

/**
 * Chebyshev (L-infinity) distance, {@code max_i |a_i - b_i|}: the "infinity distance" (ID) of
 * Araujo et al.'s pyCBIR and SciPy's {@code scipy.spatial.distance.chebyshev}.
 *
 * <p>Any real-valued vectors, negative entries included; two zero vectors, and two empty
 * vectors, are at 0. Stateless and thread-safe.
 */
public final class ChebyshevDistance implements Similarity {
    static final String TYPE = "chebyshev";

    /** The metric; prefer {@link Similarities#chebyshev()}. */
    public ChebyshevDistance() {
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE);
    }

    @Override
    public double distance(float[] a, float[] b) {
        Similarity.requireSameLength(a, b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
