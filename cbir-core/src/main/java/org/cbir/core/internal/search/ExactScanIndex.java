package org.cbir.core.internal.search;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.cbir.core.internal.index.GuardedIndex;
import org.cbir.core.internal.index.VectorView;
import org.cbir.core.internal.math.RowTiles;
import org.cbir.core.io.StoreDirectory;

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
 * with the same result. Every search returns an unmodifiable list over those two arrays
 * ({@code NeighborList}), which creates each {@link Neighbor} when it is read.
 *
 * <p>Memory per vector on the heap: {@code 4 * dimension} bytes of floats and 13 to 15.5 bytes
 * for the id and its unboxed hash slot; norms are recomputed during the scan, not stored.
 *
 * <p>An index loaded with {@link ExactScan#load} with {@code mapped} reads its saved vectors in place
 * from the memory-mapped file; vectors added later live on the heap, removed saved vectors are
 * only marked dead until the next save.
 *
 * <p>Thread-safe: searches share a read lock, {@link #add} and {@link #remove} take the write
 * lock ({@link GuardedIndex}). Removal moves the last heap vector into the freed slot, so storage
 * stays dense.
 */
public final class ExactScanIndex extends GuardedIndex {
    /** The component type in specs. */
    public static final String TYPE = "exact";

    private final boolean parallel;
    private final RowStore store;
    private final RowTiles tiles;

    ExactScanIndex(int dimension, Similarity similarity) {
        this(dimension, similarity, true);
    }

    /**
     * An empty index; {@code parallel} says whether large scans may fork (onto the caller's
     * fork-join pool or the common one)
     * (false keeps every scan on the calling thread, for single-thread benchmarks).
     */
    ExactScanIndex(int dimension, Similarity similarity, boolean parallel) {
        this(dimension, similarity, parallel, RowTiles.preferred());
    }

    /** An empty index scanned with {@code tiles} (tests compare the scalar and vector kernels). */
    ExactScanIndex(int dimension, Similarity similarity, boolean parallel, RowTiles tiles) {
        this(dimension, similarity, parallel, dimension < 1 ? null : new RowStore(dimension, checksNorms(similarity)),
                tiles);
    }

    /** An index over an existing store (a load). */
    ExactScanIndex(int dimension, Similarity similarity, boolean parallel, RowStore store, RowTiles tiles) {
        super(dimension, similarity);
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
    protected VectorView view() {
        return store;
    }

    /** The vector itself, once its dimension is checked: the store copies it into its tiles. */
    @Override
    protected float[] checkedCopy(long id, float[] vector) {
        return Index.requireDimension(vector, dimension(), "vector");
    }

    @Override
    protected void insert(long id, float[] vector) {
        store.add(id, vector);
    }

    @Override
    protected boolean delete(long id) {
        return store.remove(id);
    }

    @Override
    public List<Neighbor> search(float[] query, int k) {
        return searchAll(List.of(Index.requireDimension(query, dimension(), "query")), k).get(0);
    }

    /** {@inheritDoc} One pass over the stored vectors serves the whole batch. */
    @Override
    public List<List<Neighbor>> searchAll(List<float[]> queries, int k) {
        Index.requireK(k);
        Index.requireDimensions(queries, dimension());
        if (queries.isEmpty()) {
            return List.of();
        }
        readLock().lock();
        try {
            store.requireMappedFileUnchanged();
            return BatchScan.search(store, similarity(), queries, k, parallel, tiles, null);
        } finally {
            readLock().unlock();
        }
    }

    /** {@inheritDoc} The scan skips the rejected vectors, so the result is exact for any filter. */
    @Override
    public List<Neighbor> search(float[] query, int k, Filter filter) {
        Index.requireK(k);
        Index.requireDimension(query, dimension(), "query");
        Objects.requireNonNull(filter, "filter");
        readLock().lock();
        try {
            store.requireMappedFileUnchanged();
            return BatchScan.search(store, similarity(), List.of(query), k, parallel, tiles,
                    filter.condition().acceptsAll() ? null : filter.accepts()).get(0);
        } finally {
            readLock().unlock();
        }
    }

    @Override
    public void save(StoreDirectory directory) throws IOException {
        writeUnderReadLock(() -> ExactScanFile.write(directory, store));
    }
}
