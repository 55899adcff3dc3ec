package org.cbir.core.internal.search;

import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.cbir.core.internal.math.VectorMath;

/**
 * Cosine distance, {@code 1 - a.b / (|a| |b|)}, in [0, 2]: 0 for vectors pointing the same way.
 * The distance between a zero vector and any vector is defined as 1 (no direction, so neither
 * similar nor opposite), and between two zero vectors as 0.
 */
public final class CosineDistance implements Similarity {
    /** The component type in specs. */
    public static final String TYPE = "cosine";
    private static final CosineDistance INSTANCE = new CosineDistance();

    /** The shared instance, {@link Similarity#cosine()}; all instances are equal. */
    public static CosineDistance instance() {
        return INSTANCE;
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE);
    }

    @Override
    public SimilarityKind kind() {
        return SimilarityKind.COSINE;
    }

    /**
     * Whether {@code similarity} is this class's cosine distance (all instances are equal), whose
     * arithmetic the exact scan may reproduce to the bit; another similarity of kind cosine is
     * ranked by its own {@link #distance}.
     */
    static boolean isCore(Similarity similarity) {
        return INSTANCE.equals(similarity);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == CosineDistance.class;
    }

    @Override
    public int hashCode() {
        return TYPE.hashCode();
    }

    /** The cosine distance; {@code spec} must be {@link #spec()}. */
    public static CosineDistance fromSpec(ComponentSpec spec) {
        spec.requireNoParameters(TYPE);
        return INSTANCE;
    }

    @Override
    public double distance(float[] a, float[] b) {
        Similarity.requireSameLength(a, b);
        return fromParts(VectorMath.norm(a), VectorMath.norm(b), VectorMath.dot(a, b));
    }

    /**
     * The distance from the norms {@code na}, {@code nb} and the dot product of two vectors, as
     * {@link VectorMath} computes them: a scan that accumulates them in the same order gets
     * exactly {@link #distance}'s value.
     */
    static double fromParts(double na, double nb, double dot) {
        if (na == 0 || nb == 0) {
            return na == nb ? 0.0 : 1.0;
        }
        double cos = dot / (na * nb);
        return 1.0 - Math.max(-1.0, Math.min(1.0, cos));
    }

    @Override
    public String toString() {
        return TYPE;
    }
}
