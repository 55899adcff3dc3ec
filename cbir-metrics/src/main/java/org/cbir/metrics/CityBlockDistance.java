package org.cbir.metrics;

import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;

/**
 * City-block (L1, Manhattan) distance, {@code sum_i |a_i - b_i|}: the "cityblock distance" (CD)
 * of pyCBIR's reference code and SciPy's {@code scipy.spatial.distance.cityblock}.
 *
 * <p>Any real-valued vectors, negative entries included; two zero vectors are at 0. Accumulates
 * in double precision. Stateless and thread-safe.
 */
public final class CityBlockDistance implements Similarity {
    static final String TYPE = "city-block";

    /** The metric; prefer {@link Similarities#cityBlock()}. */
    public CityBlockDistance() {
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE);
    }

    @Override
    public double distance(float[] a, float[] b) {
        Similarity.requireSameLength(a, b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((double) a[i] - b[i]);
        }
        return sum;
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
