package org.cbir.core;

/**
 * What a {@link Similarity} computes, as far as an index needs to know: indexes choose their
 * fast paths by kind (a cosine scan over normalised rows, a squared-distance kernel, a graph
 * metric, a Solr vector function) instead of by the similarity's class or type name.
 *
 * <p>A similarity may claim a kind other than {@link #OTHER} only if its distance is a strictly
 * increasing function of the kind's distance below, so that ranking by the kind's distance ranks
 * like it; indexes rank their final candidates with {@link Similarity#distance} itself.
 */
public enum SimilarityKind {
    /** {@code 1 - a.b / (|a| |b|)}, and 1 when either vector is zero. */
    COSINE,
    /** {@code -a.b}: the larger the inner product, the closer. */
    DOT_PRODUCT,
    /** {@code |a - b|}, the Euclidean (L2) distance. */
    EUCLIDEAN,
    /**
     * A distance between non-negative vectors read as distributions (chi-square, Kullback-Leibler,
     * earth mover's...), which refuses a negative entry.
     */
    HISTOGRAM,
    /** Any other distance: indexes compute it with {@link Similarity#distance} and nothing else. */
    OTHER
}
