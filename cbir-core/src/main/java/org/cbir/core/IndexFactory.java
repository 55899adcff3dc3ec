package org.cbir.core;

import org.cbir.core.internal.search.ExactScan;

/**
 * The configuration of an {@link Index} (exact scan, LSH Forest, graph...), which the pipeline
 * turns into an index once it knows the signature dimension. Immutable.
 */
public interface IndexFactory {

    /** The index type and its parameters, recorded in a saved pipeline's manifest. */
    ComponentSpec spec();

    /** A new, empty index for vectors of {@code dimension}, ranked by {@code similarity}. */
    Index create(int dimension, Similarity similarity);

    /**
     * Exact brute-force search, the pipeline's default: the true nearest neighbours, ranked by
     * ascending distance with ties by ascending id, scored by kernels chosen by the similarity's
     * {@link SimilarityKind} (cosine over normalised rows, squared Euclidean, dot product), and
     * mappable from its saved file when the store is local
     * ({@link LoadOptions#withMappedIndexFiles}). Approximate indexes for large collections
     * (LSH Forest, graph, int8 scan) are in {@code cbir-index}. Spec type {@code exact}.
     */
    static IndexFactory exact() {
        return ExactScan.DEFAULT;
    }
}
