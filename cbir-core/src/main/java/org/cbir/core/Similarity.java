package org.cbir.core;

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
     * What this distance computes, for indexes that have a fast path for it; {@link MetricKind#OTHER}
     * by default. Claim another kind only under the rule of {@link MetricKind}.
     */
    default MetricKind kind() {
        return MetricKind.OTHER;
    }

    /** Fails with a message naming both lengths when the vectors cannot be compared. */
    static void requireSameLength(float[] a, float[] b) {
        org.cbir.core.internal.math.VectorMath.requireSameLength(a, b);
    }
}
