package org.cbir.index.ivf;

import java.util.List;
import java.util.Objects;
import java.util.function.LongPredicate;
import org.cbir.core.Index;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.internal.index.GuardedIndex;

/**
 * The search entry points of the indexes that probe the inverted lists nearest to a query
 * ({@link InvertedFileIndex}, {@link InvertedFilePqIndex}): argument checks, the read lock, the
 * filter and the batches over the worker threads, around each one's own
 * {@link #searchLocked search}. Thread-safety as {@link GuardedIndex}.
 */
abstract class ProbedListIndex extends GuardedIndex {
    ProbedListIndex(int dimension, Similarity similarity) {
        super(dimension, similarity);
    }

    /** A copy of {@code vector} after checking its dimension and that its values are finite (k-means needs them). */
    @Override
    protected float[] checkedCopy(long id, float[] vector) {
        float[] copy = Index.requireDimension(vector, dimension(), "vector").clone();
        for (int i = 0; i < copy.length; i++) {
            if (!Float.isFinite(copy[i])) {
                throw new IllegalArgumentException("vector for id " + id + " has a non-finite value " + copy[i] + " at "
                        + i + "; the " + spec().type() + " index's k-means needs finite values");
            }
        }
        return copy;
    }

    /** The lists a search probes unless told otherwise (the factory's probes). */
    abstract int defaultProbes();

    /**
     * The {@code k} nearest neighbours among the {@code probes} nearest lists (more when they
     * hold fewer than {@code k} accepted vectors), of the vectors {@code accepts} accepts (all
     * when null); arguments checked, read lock held.
     */
    abstract List<Neighbor> searchLocked(float[] query, int k, int probes, LongPredicate accepts);

    /** {@link #search(float[], int, int)} with the factory's probes. */
    @Override
    public List<Neighbor> search(float[] query, int k) {
        return search(query, k, defaultProbes());
    }

    /**
     * The approximate {@code k} nearest neighbours from the {@code probes} lists nearest to the
     * query (more when they hold fewer than {@code k} vectors), ranked by the similarity's
     * distance, then id. More probes raise recall and query time.
     *
     * @throws IllegalArgumentException if {@code k < 1}, {@code probes < 1} or the dimension differs
     */
    public List<Neighbor> search(float[] query, int k, int probes) {
        Index.requireK(k);
        if (probes < 1) {
            throw new IllegalArgumentException("probes must be at least 1, got " + probes);
        }
        Index.requireDimension(query, dimension(), "query");
        readLock().lock();
        try {
            return searchLocked(query, k, probes, null);
        } finally {
            readLock().unlock();
        }
    }

    /** {@inheritDoc} The scan skips rejected vectors and probes further lists until {@code k} are accepted. */
    @Override
    public List<Neighbor> search(float[] query, int k, Filter filter) {
        Index.requireK(k);
        Index.requireDimension(query, dimension(), "query");
        Objects.requireNonNull(filter, "filter");
        readLock().lock();
        try {
            return searchLocked(query, k, defaultProbes(), filter.condition().acceptsAll() ? null : filter.accepts());
        } finally {
            readLock().unlock();
        }
    }

    /** {@inheritDoc} The queries are spread over the worker threads (the caller's fork-join pool, or the common pool). */
    @Override
    public List<List<Neighbor>> searchAll(List<float[]> queries, int k) {
        Index.requireK(k);
        Index.requireDimensions(queries, dimension());
        return searchInParallel(queries, query -> search(query, k));
    }
}
