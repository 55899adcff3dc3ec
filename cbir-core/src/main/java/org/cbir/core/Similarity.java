package org.cbir.core;

import org.cbir.core.internal.search.CosineDistance;

/**
 * How far apart two signatures are. <strong>Every similarity in this library is a distance:
 * smaller means closer</strong>, and rankings sort by ascending distance with ties broken by
 * ascending id. Metrics that are naturally scores (cosine, Pearson correlation) are turned into
 * distances ({@code 1 - score}) so that a ranking can never be inverted by mistake.
 *
 * <p>Implementations are stateless, thread-safe and never modify their arguments. Both vectors
 * must have the same length; implementations throw {@link IllegalArgumentException} otherwise.
 */
public interface Similarity {

    /** The type and parameters of this metric, recorded in a saved pipeline's manifest. */
    ComponentSpec spec();

    /** The distance between {@code a} and {@code b}; smaller is closer. */
    double distance(float[] a, float[] b);

    /**
     * What this distance computes, for indexes that have a fast path for it; {@link SimilarityKind#OTHER}
     * by default. Claim another kind only under the rule of {@link SimilarityKind}.
     */
    default SimilarityKind kind() {
        return SimilarityKind.OTHER;
    }

    /** Fails with a message naming both lengths when the vectors cannot be compared. */
    static void requireSameLength(float[] a, float[] b) {
        org.cbir.core.internal.math.VectorMath.requireSameLength(a, b);
    }

    /**
     * Cosine distance, {@code 1 - cos(a, b)}: the pipeline's default, and the one metric cbir-core
     * defines itself (the paper's others are in {@code cbir-metrics}); all its instances are
     * equal. A zero vector is at distance 1 from every other vector, and 0 from itself.
     */
    static Similarity cosine() {
        return CosineDistance.instance();
    }
}
