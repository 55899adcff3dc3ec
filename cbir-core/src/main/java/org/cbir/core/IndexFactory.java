package org.cbir.core;

import java.io.IOException;
import org.cbir.core.io.StoreDirectory;
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
     * An index that {@link Index#save} wrote to {@code directory}.
     *
     * @throws org.cbir.core.io.CorruptFileException if a file is truncated, altered, or of
     *     another format version
     */
    Index load(StoreDirectory directory, Similarity similarity) throws IOException;

    /**
     * The factory whose {@link #load} maps the saved vectors read-only from their files instead
     * of reading them onto the heap, where the store is local ({@link StoreDirectory#localPath}), for an index larger than the heap, where the index type can;
     * the default, for types that cannot, returns this factory. The spec is the same: how an
     * index is held is not part of what it computes.
     */
    default IndexFactory mapped() {
        return this;
    }

    /**
     * Exact brute-force search, the pipeline's default: the true nearest neighbours, ranked by
     * ascending distance with ties by ascending id, scored by kernels chosen by the similarity's
     * {@link SimilarityKind} (cosine over normalised rows, squared Euclidean, dot product), and
     * mappable from its saved file when the store is local ({@link #mapped()}). Approximate indexes for large collections
     * (LSH Forest, graph, int8 scan) are in {@code cbir-index}. Spec type {@code exact}.
     */
    static IndexFactory exact() {
        return ExactScan.DEFAULT;
    }
}
