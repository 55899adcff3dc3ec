package org.cbir.index.graph;

import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.cbir.core.internal.math.VectorMath;

/**
 * How the graph compares vectors for a core {@link Similarity}. Cosine: the graph holds
 * unit-normalised copies and compares them by dot product (JVector's score {@code (1 + a.b) / 2});
 * a zero vector stays zero and scores 1/2 against everything, which matches the core's cosine
 * distance of 1 for a zero vector. Euclidean: the graph holds the vectors themselves and uses
 * JVector's {@code 1 / (1 + |a - b|^2)}. Both scores decrease strictly with the core's distance, so
 * the graph walks towards the core's nearest neighbours; the final ranking uses the core's
 * distance itself. Stateless.
 */
enum GraphMetric {
    COSINE("cosine", VectorSimilarityFunction.DOT_PRODUCT),
    EUCLIDEAN("euclidean", VectorSimilarityFunction.EUCLIDEAN);

    private final String type;
    private final VectorSimilarityFunction function;

    GraphMetric(String type, VectorSimilarityFunction function) {
        this.type = type;
        this.function = function;
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

    VectorSimilarityFunction function() {
        return function;
    }

    /** Whether the graph holds normalised copies rather than the vectors themselves. */
    boolean normalises() {
        return this == COSINE;
    }

    /** The vector the graph compares for {@code vector}: a normalised copy, or {@code vector} itself. */
    float[] graphVector(float[] vector) {
        return normalises() ? VectorMath.normalized(vector) : vector;
    }
}
