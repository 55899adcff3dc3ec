package org.cbir.index.quantized;

import java.io.IOException;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.IndexFactory;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;

/**
 * The 1-bit binary-quantized exact scan as an {@link IndexFactory} (spec type {@value #TYPE}):
 * every query scans one bit per dimension (the sign of the vector after centring on the
 * per-dimension mean learned from the data), a 32nd of the float scan's memory traffic, ranks the
 * rows by the Hamming distance of their codes to the query's code, keeps the best
 * {@code rerank x k} and re-scores those exactly from the float vectors with the index's
 * {@link Similarity}. Meant for high dimensions (128 and more), where the bits of a vector
 * carry enough of its direction; see {@link BinaryScanIndex} for the codes and the memory per
 * vector. Supported similarities: cosine and Euclidean (the codes describe directions from the
 * centre, so a Euclidean ranking leans more on the re-ranking).
 *
 * <p>{@code rerank} trades speed for recall: the candidates re-scored per query are
 * {@code rerank x k}. Recall@10 against the float exact scan on 1M x 512 vectors around 1,000
 * Gaussian clusters (BENCHMARKS.md, {@code IndexBenchmark}): 0.20 with rerank 5, 0.32 with 10,
 * 0.49 with 20, 0.73 with 40, 0.999 with 100 and 1.000 with 200 and 400: the Hamming distance
 * finds the query's cluster, the exact re-ranking its nearest members. The default,
 * {@value #DEFAULT_RERANK}, is the least measured depth with recall@10 of at least 0.99 there;
 * {@code BinaryScanIndexTest} checks it on 20,000 x 256. Immutable and thread-safe.
 */
public final class BinaryScan implements IndexFactory {
    /** The component type in specs. */
    public static final String TYPE = "exact-binary";
    /** Candidates re-scored per query, in multiples of k, by default. */
    public static final int DEFAULT_RERANK = 100;
    static final String RERANK = "rerank";

    private final int rerank;

    private BinaryScan(int rerank) {
        if (rerank < 1) {
            throw new IllegalArgumentException("the binary scan needs rerank >= 1 (candidates re-scored per query, in"
                    + " multiples of k), got " + rerank);
        }
        this.rerank = rerank;
    }

    /** The factory with {@code rerank} {@value #DEFAULT_RERANK}. */
    public static BinaryScan withDefaults() {
        return new BinaryScan(DEFAULT_RERANK);
    }

    /**
     * The factory that re-scores {@code rerank x k} candidates per query.
     *
     * @throws IllegalArgumentException if {@code rerank < 1}
     */
    public static BinaryScan rerank(int rerank) {
        return new BinaryScan(rerank);
    }

    /** Rebuilds the factory that {@link #spec()} describes. */
    public static BinaryScan fromSpec(ComponentSpec spec) {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not an " + TYPE + " spec: " + spec);
        }
        return new BinaryScan(spec.requireInt(RERANK));
    }

    /** Candidates re-scored exactly per query, in multiples of k. */
    public int rerank() {
        return rerank;
    }

    /** {@code exact-binary} with {@code rerank}. */
    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE, RERANK, rerank);
    }

    /**
     * A new, empty index.
     *
     * @throws IllegalArgumentException if {@code dimension < 1} or the similarity is neither cosine
     *     nor Euclidean
     */
    @Override
    public BinaryScanIndex create(int dimension, Similarity similarity) {
        return new BinaryScanIndex(this, dimension, Objects.requireNonNull(similarity, "similarity"));
    }

    /**
     * The index saved in {@code directory}, searched with this factory's {@code rerank} (the file
     * does not depend on it).
     *
     * @throws org.cbir.core.io.InvalidFileException if the index was saved for another similarity
     */
    public BinaryScanIndex load(StoreDirectory directory, Similarity similarity) throws IOException {
        return load(directory, similarity, false);
    }

    /**
     * The index saved in {@code directory}, as {@link #load(StoreDirectory, Similarity)}; with
     * {@code map}, its float vectors (read only to re-rank) are memory-mapped read-only from the
     * file instead of read onto the heap, which then holds the codes and ids (and the vectors
     * added later). A file saved before version 2, or one not on the local file system, is read
     * onto the heap.
     *
     * @throws org.cbir.core.io.InvalidFileException if the index was saved for another similarity
     */
    public BinaryScanIndex load(StoreDirectory directory, Similarity similarity, boolean map) throws IOException {
        return BinaryScanIndex.load(this, directory, Objects.requireNonNull(similarity, "similarity"), map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryScan other && other.rerank == rerank;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(rerank);
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
