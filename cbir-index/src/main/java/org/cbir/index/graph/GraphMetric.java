package org.cbir.index.graph;

import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;

/**
 * Which of the two metrics the graph is built for, from a core {@link Similarity}. Cosine: the
 * graph scores pairs as JVector's dot product of the unit vectors, {@code (1 + cos) / 2}, from the
 * stored vectors and their inverse norms; a zero vector scores 1/2 against everything, which
 * matches the core's cosine distance of 1 for a zero vector. Euclidean: JVector's
 * {@code 1 / (1 + |a - b|^2)}. Both scores decrease strictly with the core's distance, so the
 * graph walks towards the core's nearest neighbours; the final ranking uses the core's distance
 * itself ({@link GraphVectors#scores(float[])} computes the scores). Stateless.
 */
enum GraphMetric {
    COSINE("cosine"),
    EUCLIDEAN("euclidean");

    private final String type;

    GraphMetric(String type) {
        this.type = type;
    }

    /**
     * The metric for {@code similarity}, by its {@link Similarity#kind() kind}: cosine or
     * Euclidean.
     *
     * @throws IllegalArgumentException naming the metric and the supported ones otherwise
     */
    static GraphMetric of(Similarity similarity) {
        SimilarityKind kind = similarity.kind();
        if (kind == SimilarityKind.COSINE) {
            return COSINE;
        }
        if (kind == SimilarityKind.EUCLIDEAN) {
            return EUCLIDEAN;
        }
        throw new IllegalArgumentException("the graph index does not support the similarity " + similarity.spec()
                + ": it supports cosine and euclidean (a graph built for one metric does not find the"
                + " neighbours of another; use the exact index or the LSH Forest for other metrics)");
    }

    /** The metric's name in saved graph files: {@code cosine} or {@code euclidean}. */
    String type() {
        return type;
    }

    /** Whether the graph compares unit vectors (cosine) rather than the vectors themselves. */
    boolean normalises() {
        return this == COSINE;
    }
}
