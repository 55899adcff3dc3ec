package org.cbir.core.internal.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.cbir.core.Index;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;

/**
 * What every index of cbir answers the same way, over its {@link #view()}: the read/write lock,
 * {@link #size}, {@link #contains}, {@link #vector}, and {@link #add}/{@link #remove} (argument
 * checks, the duplicate test, the write lock), so that an index class holds only its own search,
 * layout and file. Subclasses search under {@link #readLock()} and change their layout in
 * {@link #insert} and {@link #delete}, which run under the write lock.
 *
 * <p>Thread-safe as {@link Index} requires: searches share the read lock, changes take the write
 * lock one at a time.
 */
public abstract class GuardedIndex implements Index {
    private final int dimension;
    private final Similarity similarity;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /**
     * An index of vectors of {@code dimension}, ranked by {@code similarity}.
     *
     * @throws IllegalArgumentException if {@code dimension < 1}
     */
    protected GuardedIndex(int dimension, Similarity similarity) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        this.dimension = dimension;
        this.similarity = Objects.requireNonNull(similarity, "similarity");
    }

    /** The stored vectors as searches read them; called with a lock held. */
    protected abstract VectorView view();

    /** Stores {@code vector} (a checked copy, owned by the index) under the absent {@code id}; write lock held. */
    protected abstract void insert(long id, float[] vector);

    /** Removes the vector of {@code id}; returns whether there was one; write lock held. */
    protected abstract boolean delete(long id);

    /**
     * The copy of {@code vector} that {@link #add} stores, after checking its dimension; an index
     * with more conditions (finite values) overrides it, outside the lock.
     */
    protected float[] checkedCopy(long id, float[] vector) {
        return Index.requireDimension(vector, dimension, "vector").clone();
    }

    /** The similarity the index ranks by. */
    protected final Similarity similarity() {
        return similarity;
    }

    /** What a save writes, from the index's state as it is under the read lock. */
    @FunctionalInterface
    protected interface StateWriter {
        void write() throws IOException;
    }

    /** Runs {@code write} under the read lock: searches go on meanwhile, changes wait. */
    protected final void writeUnderReadLock(StateWriter write) throws IOException {
        lock.readLock().lock();
        try {
            write.write();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code settle} (merging or purging pending changes) under the write lock, then
     * {@code write} under the read lock taken before the write lock is let go (a downgrade), so
     * the file holds exactly the settled state while searches go on during the write.
     */
    protected final void settleThenWrite(Runnable settle, StateWriter write) throws IOException {
        lock.writeLock().lock();
        try {
            settle.run();
            lock.readLock().lock();
        } finally {
            lock.writeLock().unlock();
        }
        try {
            write.write();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * {@code search} of every query, in order, with the queries spread over the worker threads
     * (contiguous ranges on the caller's fork-join pool, or else the common pool; see
     * {@link ParallelRanges}): the {@link #searchAll} of an approximate index whose queries are
     * independent walks (graph, LSH Forest, inverted file). The caller must not hold the lock:
     * each {@code search} takes the read lock itself, so a change may land between two queries of
     * the batch (each query sees each vector before or after it, as {@link Index} allows).
     */
    protected final List<List<Neighbor>> searchInParallel(List<float[]> queries, Function<float[], List<Neighbor>> search) {
        @SuppressWarnings("unchecked")
        List<Neighbor>[] results = new List[queries.size()];
        int tasks = Math.max(1, Math.min(queries.size(), ParallelRanges.threads()));
        ParallelRanges.run(tasks, queries.size(), (task, from, to) -> {
            for (int q = from; q < to; q++) {
                results[q] = search.apply(queries.get(q));
            }
        });
        return new ArrayList<>(Arrays.asList(results));
    }

    /** The lock searches share (subclasses search under it). */
    protected final Lock readLock() {
        return lock.readLock();
    }

    /** The lock changes take, one at a time (subclasses with bulk additions take it themselves). */
    protected final Lock writeLock() {
        return lock.writeLock();
    }

    @Override
    public final int dimension() {
        return dimension;
    }

    @Override
    public final int size() {
        lock.readLock().lock();
        try {
            return view().size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@inheritDoc} Checks the vector, then stores a copy under the write lock. */
    @Override
    public final void add(long id, float[] vector) {
        float[] copy = checkedCopy(id, vector);
        lock.writeLock().lock();
        try {
            if (view().rowOf(id) >= 0) {
                throw new IllegalArgumentException("id " + id + " is already in the index");
            }
            insert(id, copy);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public final boolean remove(long id) {
        lock.writeLock().lock();
        try {
            return delete(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public final boolean contains(long id) {
        lock.readLock().lock();
        try {
            return view().rowOf(id) >= 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public final Optional<float[]> vector(long id) {
        lock.readLock().lock();
        try {
            VectorView view = view();
            int row = view.rowOf(id);
            if (row < 0) {
                return Optional.empty();
            }
            float[] copy = new float[dimension];
            view.copyRow(row, copy, 0);
            return Optional.of(copy);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[dimension=" + dimension + ", size=" + size() + ", " + spec() + ", "
                + similarity.spec() + "]";
    }
}
