package org.cbir.index.quantized;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.LongPredicate;
import org.cbir.core.Index;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.cbir.core.internal.index.ExactRerank;
import org.cbir.core.internal.index.GuardedIndex;
import org.cbir.core.internal.index.ParallelRanges;
import org.cbir.core.internal.index.VectorStore;
import org.cbir.core.internal.index.VectorView;

/**
 * What the quantized exact scans share ({@link Int8ScanIndex}, {@link BinaryScanIndex}): the
 * floats and ids in core's {@link VectorStore}, in chunks of {@code 1 << shift} rows like the
 * codes; the code parameters learned at {@value #LEARN_ROWS} vectors and again at each
 * {@value #RELEARN_GROWTH}x growth; and the search: each query coded (or, before learning and for a
 * zero or non-finite query, every row scored exactly), the codes scanned for
 * {@code rerank x k} candidate rows, which {@link ExactRerank} ranks exactly from the floats. A
 * subclass holds the codes and says how to code, learn and scan. Cosine and Euclidean only.
 *
 * @param <Q> a coded query
 */
abstract class QuantizedScanIndex<Q> extends GuardedIndex {
    /** Vectors held when the code parameters are first learned. */
    static final int LEARN_ROWS = 1024;
    /** Growth since the last learning at which the code parameters are learned again. */
    static final int RELEARN_GROWTH = 8;
    /** Work (rows x per-row cost x queries) below which a scan stays on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 18;

    final int dimension;
    final Similarity similarity;
    final boolean cosine;
    /** Rows per chunk of the store and of the codes: {@code 1 << shift}. */
    final int shift;
    final VectorStore store;
    private final int rerank;
    /** Rows when the code parameters were last learned; 0 before. */
    int learnedAt;

    /**
     * @param name the scan's name in error messages
     * @param minChunkRows the fewest rows a chunk holds (a power of two); else chunks of at most 64 Ki floats
     * @param rerank candidates re-ranked per neighbour asked for
     */
    QuantizedScanIndex(int dimension, Similarity similarity, String name, int minChunkRows, int rerank) {
        super(dimension, similarity);
        this.dimension = dimension;
        this.similarity = similarity;
        this.cosine = isCosine(similarity, name);
        this.shift = 31 - Integer.numberOfLeadingZeros(Math.max(minChunkRows, Integer.highestOneBit(16384 / dimension)));
        this.store = new VectorStore(dimension, 1 << shift);
        this.rerank = rerank;
    }

    /**
     * Whether {@code similarity} is cosine (else Euclidean), by its {@link Similarity#kind() kind}.
     *
     * @throws IllegalArgumentException naming the scan, the similarity and the supported ones otherwise
     */
    static boolean isCosine(Similarity similarity, String name) {
        SimilarityKind kind = similarity.kind();
        if (kind == SimilarityKind.COSINE || kind == SimilarityKind.EUCLIDEAN) {
            return kind == SimilarityKind.COSINE;
        }
        throw new IllegalArgumentException("the " + name + " does not support the similarity " + similarity.spec()
                + ": it supports the cosine and Euclidean kinds, whose distances its codes approximate; use the"
                + " exact index for other metrics");
    }

    /** Whether the code parameters have been learned. */
    abstract boolean learned();

    /** Learns the code parameters from every row and codes every row again. */
    abstract void learn();

    /** Appends a row (the id is absent; {@code vector} is owned by the index), with its code once learned. */
    abstract void append(long id, float[] vector, int offset);

    /** The coded {@code query}, or null when it must be scored exactly (a zero or non-finite query). */
    abstract Q code(float[] query);

    /** The candidate rows that the scan of one query found, in no particular order. */
    interface Found {
        int size();

        int row(int i);
    }

    /**
     * The best {@code candidates} rows by the codes for each coded query, among the rows whose id
     * {@code accepts} (every row when null); called under the read lock.
     */
    abstract Found[] candidates(List<Q> queries, int candidates, LongPredicate accepts);

    /**
     * How many parallel ranges of chunks a scan of {@code chunks} chunks should use: one (the
     * calling thread) for small scans, else two per worker thread, at most one per chunk.
     *
     * @param work rows x the cost of scoring one row x queries
     */
    static int scanTasks(int chunks, long work) {
        int threads = ParallelRanges.threads();
        return threads < 2 || chunks < 2 || work < PARALLEL_WORK ? 1 : Math.min(chunks, 2 * threads);
    }

    /** Whether the code parameters have been learned, under the read lock (for tests). */
    final boolean quantized() {
        readLock().lock();
        try {
            return learned();
        } finally {
            readLock().unlock();
        }
    }

    final int mask() {
        return (1 << shift) - 1;
    }

    @Override
    protected final VectorView view() {
        return store;
    }

    @Override
    protected final void insert(long id, float[] vector) {
        append(id, vector, 0);
        int rows = store.rows();
        if (!learned() ? rows >= LEARN_ROWS : rows >= (long) learnedAt * RELEARN_GROWTH) {
            learn();
        }
    }

    @Override
    public final List<Neighbor> search(float[] query, int k) {
        return searchAll(List.of(Index.requireDimension(query, dimension, "query")), k).get(0);
    }

    /** {@inheritDoc} One pass over the codes serves the whole batch. */
    @Override
    public final List<List<Neighbor>> searchAll(List<float[]> queries, int k) {
        Index.requireK(k);
        Index.requireDimensions(queries, dimension);
        return scan(queries, k, null);
    }

    /** {@inheritDoc} The scan skips the rejected vectors, so the candidates are the best accepted ones. */
    @Override
    public final List<Neighbor> search(float[] query, int k, Filter filter) {
        Index.requireK(k);
        Index.requireDimension(query, dimension, "query");
        Objects.requireNonNull(filter, "filter");
        return scan(List.of(query), k, filter.condition().acceptsAll() ? null : filter.accepts()).get(0);
    }

    private List<List<Neighbor>> scan(List<float[]> queries, int k, LongPredicate accepts) {
        readLock().lock();
        try {
            int rows = store.rows();
            List<List<Neighbor>> results = new ArrayList<>(Collections.nCopies(queries.size(), List.<Neighbor>of()));
            if (rows == 0 || queries.isEmpty()) {
                return results;
            }
            List<Integer> approximate = new ArrayList<>();
            List<Q> coded = new ArrayList<>();
            for (int q = 0; q < queries.size(); q++) {
                Q code = learned() ? code(queries.get(q)) : null;
                if (code == null) {
                    results.set(q, exactScan(queries.get(q), k, accepts));
                } else {
                    approximate.add(q);
                    coded.add(code);
                }
            }
            if (!approximate.isEmpty()) {
                Found[] found = candidates(coded, (int) Math.min((long) k * rerank, rows), accepts);
                for (int i = 0; i < approximate.size(); i++) {
                    results.set(approximate.get(i), ExactRerank.closestRows(store, found[i]::row, found[i].size(),
                            similarity, queries.get(approximate.get(i)), k));
                }
            }
            return results;
        } finally {
            readLock().unlock();
        }
    }

    /** Every accepted row scored with the similarity: before learning, and for a query without a code. */
    private List<Neighbor> exactScan(float[] query, int k, LongPredicate accepts) {
        int[] accepted = new int[store.rows()];
        int count = 0;
        for (int r = 0; r < accepted.length; r++) {
            if (accepts == null || accepts.test(store.id(r))) {
                accepted[count++] = r;
            }
        }
        return ExactRerank.closestRows(store, i -> accepted[i], count, similarity, query, k);
    }

    /** The values row {@code r} is coded from: the vector, or under cosine its unit vector (zero stays zero). */
    final void codable(int r, float[] target) {
        store.copyRow(r, target, 0);
        if (cosine) {
            double norm = 0;
            for (float v : target) {
                norm += (double) v * v;
            }
            norm = Math.sqrt(norm);
            double inverse = norm > 0 && norm < Double.POSITIVE_INFINITY ? 1 / norm : 0;
            for (int j = 0; j < dimension; j++) {
                target[j] = (float) (target[j] * inverse);
            }
        }
    }
}
