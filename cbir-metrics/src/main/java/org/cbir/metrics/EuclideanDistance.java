package org.cbir.metrics;

import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.cbir.core.internal.math.VectorMath;

/**
 * Euclidean (L2) distance, {@code sqrt(sum_i (a_i - b_i)^2)}: the "Euclidean distance" (ED) of
 * Araujo et al.'s pyCBIR and SciPy's {@code scipy.spatial.distance.euclidean}.
 *
 * <p>Any real-valued vectors, negative entries included; two zero vectors are at 0. Computed
 * with {@link VectorMath#squaredDistance} in double precision. Stateless and thread-safe.
 */
public final class EuclideanDistance implements Similarity {
    static final String TYPE = "euclidean";

    /** The metric; prefer {@link Similarities#euclidean()}. */
    public EuclideanDistance() {
    }

    @Override
    public SimilarityKind kind() {
        return SimilarityKind.EUCLIDEAN;
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE);
    }

    @Override
    public double distance(float[] a, float[] b) {
        Similarity.requireSameLength(a, b);
        return Math.sqrt(VectorMath.squaredDistance(a, b));
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
