package org.cbir.index.quantized;

import java.io.IOException;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.IndexFactory;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;

/**
 * The int8 scalar-quantized exact scan as an {@link IndexFactory} (spec type {@value #TYPE}): every
 * query scans one signed byte per dimension instead of a float (a quarter of the memory traffic
 * of the float scan, which is bound by memory bandwidth), keeps the {@code rerank x k} rows with
 * the best approximate scores, and re-scores those exactly from the float vectors with the
 * index's {@link Similarity}. Codes follow the scalar quantization of Lucene's
 * {@code ScalarQuantizer} with one range per dimension: see {@link Int8ScanIndex} for the ranges,
 * the correction terms and the memory per vector. Supported similarities: cosine and Euclidean.
 *
 * <p>{@code rerank} trades speed for recall: the candidates re-scored per query are
 * {@code rerank x k}. Measured recall@10 against the float exact scan on 100 Gaussian clusters
 * (10,000 vectors of dimension 16, 5,000 of dimension 128, as in {@code Int8ScanIndexTest}):
 * 0.92 with rerank 1 (the codes' own ranking), 0.99 to 1.000 with 2, and 0.999 to 1.000 with
 * the default, {@value #DEFAULT_RERANK}; 1.000 on Fashion-MNIST (BENCHMARKS.md). Collections of
 * near duplicates want 16 to 32: on the shared GISAXS patterns' PCA'd signatures, whose ten
 * nearest neighbours lie within 0.01 of cosine similarity, rerank 4 gives 0.89 to 0.93, 16 gives
 * 0.98 to 1.000 and 32 gives 1.000, because a code's rounding moves a score by about as much as the
 * neighbours differ. A larger value also helps data with outliers that stretch a dimension's
 * range. It costs the most where the scan itself is cheap (1M x 16: 0.9 ms a query at 4, 2.0 at
 * 32). Immutable and thread-safe.
 */
public final class Int8Scan implements IndexFactory {
    /** The component type in specs. */
    public static final String TYPE = "exact-int8";
    /** Candidates re-scored per query, in multiples of k, by default. */
    public static final int DEFAULT_RERANK = 4;
    static final String RERANK = "rerank";

    private final int rerank;

    private Int8Scan(int rerank) {
        if (rerank < 1) {
            throw new IllegalArgumentException("the int8 scan needs rerank >= 1 (candidates re-scored per query, in"
                    + " multiples of k), got " + rerank);
        }
        this.rerank = rerank;
    }

    /** The factory with {@code rerank} {@value #DEFAULT_RERANK}. */
    public static Int8Scan withDefaults() {
        return new Int8Scan(DEFAULT_RERANK);
    }

    /**
     * The factory that re-scores {@code rerank x k} candidates per query.
     *
     * @throws IllegalArgumentException if {@code rerank < 1}
     */
    public static Int8Scan rerank(int rerank) {
        return new Int8Scan(rerank);
    }

    /** Rebuilds the factory that {@link #spec()} describes. */
    public static Int8Scan fromSpec(ComponentSpec spec) {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not an " + TYPE + " spec: " + spec);
        }
        return new Int8Scan(spec.requireInt(RERANK));
    }

    /** Candidates re-scored exactly per query, in multiples of k. */
    public int rerank() {
        return rerank;
    }

    /** {@code exact-int8} with {@code rerank}. */
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
    public Int8ScanIndex create(int dimension, Similarity similarity) {
        return new Int8ScanIndex(this, dimension, Objects.requireNonNull(similarity, "similarity"));
    }

    /**
     * The index saved in {@code directory}, searched with this factory's {@code rerank} (the file
     * does not depend on it).
     *
     * @throws org.cbir.core.io.InvalidFileException if the index was saved for another similarity
     */
    public Int8ScanIndex load(StoreDirectory directory, Similarity similarity) throws IOException {
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
    public Int8ScanIndex load(StoreDirectory directory, Similarity similarity, boolean map) throws IOException {
        return Int8ScanIndex.load(this, directory, Objects.requireNonNull(similarity, "similarity"), map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Int8Scan other && other.rerank == rerank;
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
