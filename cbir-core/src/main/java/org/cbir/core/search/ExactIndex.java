package org.cbir.core.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.cbir.core.internal.math.RowTiles;

/**
 * Brute-force search: every query is compared with every stored vector, so results are the
 * true k nearest neighbours under any {@link Similarity}; the ground truth for the approximate
 * indexes.
 *
 * <p>Vectors are stored contiguously in tiles of 8 rows ({@link RowStore}) and scanned with the
 * tile kernels of {@link RowTiles} (Vector API when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}), which score 8 rows per instruction for any
 * dimension, for a similarity of {@link org.cbir.core.SimilarityKind} cosine or Euclidean; other
 * similarities are called row by row. Large scans run in parallel blocks on the fork-join pool
 * of the calling thread (a {@link org.cbir.core.RetrievalPipeline} runs its searches on a pool
 * of its {@code threads}) or else on the common pool, and {@link #searchAll} scores each block, while it is in cache, for the whole batch. The
 * few candidates the float scores cannot separate from the k-th are re-scored with
 * {@link Similarity#distance}, so returned distances are exactly the similarity's. A large k (a
 * ranking of the whole collection, or a sizeable share of it) is served by a selection over the
 * float scores and a radix sort of (distance, id) pairs on primitive arrays instead of heaps,
 * with the same result.
 *
 * <p>Memory per vector on the heap: {@code 4 * dimension} bytes of floats and 13 to 15.5 bytes
 * for the id and its unboxed hash slot; norms are recomputed during the scan, not stored.
 *
 * <p>An index loaded with {@link ExactIndexFactory#mapped()} reads its saved vectors in place
 * from the memory-mapped file; vectors added later live on the heap, removed saved vectors are
 * only marked dead until the next save.
 *
 * <p>Thread-safe: searches share a read lock, {@link #add} and {@link #remove} take the write
 * lock. Removal moves the last heap vector into the freed slot, so storage stays dense.
 */
public final class ExactIndex implements Index {
    /** The component type in specs. */
    public static final String TYPE = "exact";

    private final int dimension;
    private final Similarity similarity;
    private final boolean parallel;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final RowStore store;
    private final RowTiles tiles;

    ExactIndex(int dimension, Similarity similarity) {
        this(dimension, similarity, true);
    }

    /**
     * An empty index; {@code parallel} says whether large scans may fork (onto the caller's
     * fork-join pool or the common one)
     * (false keeps every scan on the calling thread, for single-thread benchmarks).
     */
    ExactIndex(int dimension, Similarity similarity, boolean parallel) {
        this(dimension, similarity, parallel, RowTiles.preferred());
    }

    /** An empty index scanned with {@code tiles} (tests compare the scalar and vector kernels). */
    ExactIndex(int dimension, Similarity similarity, boolean parallel, RowTiles tiles) {
        this(requirePositive(dimension), similarity, parallel,
                new RowStore(dimension, checksNorms(similarity)), tiles);
    }

    /** An index over an existing store (a load). */
    ExactIndex(int dimension, Similarity similarity, boolean parallel, RowStore store, RowTiles tiles) {
        this.dimension = dimension;
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        this.parallel = parallel;
        this.store = store;
        this.tiles = Objects.requireNonNull(tiles, "tiles");
    }

    /** Whether a store for {@code similarity} tracks vectors of extreme norm (cosine scans must). */
    static boolean checksNorms(Similarity similarity) {
        return similarity.kind() == SimilarityKind.COSINE;
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return store.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void add(long id, float[] vector) {
        Index.requireDimension(vector, dimension, "vector");
        lock.writeLock().lock();
        try {
            if (store.rowOf(id) >= 0) {
                throw new IllegalArgumentException("id " + id + " is already in the index");
            }
            store.add(id, vector);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean remove(long id) {
        lock.writeLock().lock();
        try {
            return store.remove(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean contains(long id) {
        lock.readLock().lock();
        try {
            return store.rowOf(id) >= 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<float[]> vector(long id) {
        lock.readLock().lock();
        try {
            int row = store.rowOf(id);
            if (row < 0) {
                return Optional.empty();
            }
            float[] copy = new float[dimension];
            store.copyRow(row, copy);
            return Optional.of(copy);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Neighbor> search(float[] query, int k) {
        return searchAll(List.of(Index.requireDimension(query, dimension, "query")), k).get(0);
    }

    /** {@inheritDoc} One pass over the stored vectors serves the whole batch. */
    @Override
    public List<List<Neighbor>> searchAll(List<float[]> queries, int k) {
        Index.requireK(k);
        Index.requireDimensions(queries, dimension);
        if (queries.isEmpty()) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            store.requireMappedFileUnchanged();
            return ExactScan.search(store, similarity, queries, k, parallel, tiles, null);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@inheritDoc} The scan skips the rejected vectors, so the result is exact for any filter. */
    @Override
    public List<Neighbor> search(float[] query, int k, Filter filter) {
        Index.requireK(k);
        Index.requireDimension(query, dimension, "query");
        Objects.requireNonNull(filter, "filter");
        lock.readLock().lock();
        try {
            store.requireMappedFileUnchanged();
            return ExactScan.search(store, similarity, List.of(query), k, parallel, tiles,
                    filter.condition().acceptsAll() ? null : filter.accepts()).get(0);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void save(Path directory) throws IOException {
        lock.readLock().lock();
        try {
            ExactIndexFile.write(directory, store);
        } finally {
            lock.readLock().unlock();
        }
    }


    private static int requirePositive(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        return dimension;
    }

    @Override
    public String toString() {
        return "ExactIndex[dimension=" + dimension + ", size=" + size() + ", " + similarity.spec() + "]";
    }
}
