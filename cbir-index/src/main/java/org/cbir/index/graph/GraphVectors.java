package org.cbir.index.graph;

import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.util.ArrayList;
import org.cbir.core.internal.index.VectorStore;
import org.cbir.core.internal.index.VectorView;

/**
 * The vectors of a graph index by JVector ordinal: the caller's vectors, ids and the ordinal of
 * each id in core's shared {@link VectorStore} (ordinal = row; for exact ranking and
 * {@code vector(id)}), and the vectors the graph compares (normalised copies for cosine, the
 * caller's vectors for Euclidean), one JVector vector per ordinal. Ordinals are dense from 0 and
 * never reused while the index lives: a removed ordinal stays a dead row of the store, and its
 * graph vector is released once the graph has dropped the node; saving renumbers the live ones.
 * Implements JVector's {@link RandomAccessVectorValues}; the values are not shared (each
 * {@link #getVector} returns the stored vector itself, never to be modified).
 *
 * <p>Not thread-safe: the index reads it under its read lock and changes it under its write lock.
 */
final class GraphVectors implements RandomAccessVectorValues {
    private static final VectorTypeSupport TYPES = VectorizationProvider.getInstance().getVectorTypeSupport();

    private final VectorStore store;
    private final ArrayList<VectorFloat<?>> graphVectors = new ArrayList<>();
    private final Bits liveBits;

    GraphVectors(int dimension) {
        this.store = new VectorStore(dimension);
        this.liveBits = store::isLive;
    }

    /** Wraps {@code vector} (not copied) as a JVector vector. */
    static VectorFloat<?> wrap(float[] vector) {
        return TYPES.createFloatVector(vector);
    }

    /** The caller's vectors and ids by ordinal, as {@code vector(id)} and the ranking read them. */
    VectorView view() {
        return store;
    }

    /**
     * Appends a copy of {@code original} and {@code graphVector} itself (owned by this store
     * from now on) under {@code id}; returns the new ordinal.
     *
     * @throws IllegalArgumentException if {@code id} is present
     */
    int append(long id, float[] original, float[] graphVector) {
        int ordinal = store.append(id, original, 0);
        graphVectors.add(wrap(graphVector));
        return ordinal;
    }

    /** Marks the ordinal of {@code id} removed and returns it, or -1 when the id is absent. */
    int remove(long id) {
        return store.markRemoved(id);
    }

    /** Frees the graph vectors of removed ordinals, which the graph no longer reaches. */
    void releaseRemoved() {
        for (int ordinal = 0; ordinal < graphVectors.size(); ordinal++) {
            if (!store.isLive(ordinal)) {
                graphVectors.set(ordinal, null);
            }
        }
    }

    /** The ordinal of {@code id}, or -1. */
    int ordinalOf(long id) {
        return store.rowOf(id);
    }

    long id(int ordinal) {
        return store.id(ordinal);
    }

    /** Copies the caller's vector at {@code ordinal} into {@code target} from index 0. */
    void copyOriginal(int ordinal, float[] target) {
        store.copyRow(ordinal, target, 0);
    }

    /** Live vectors. */
    int liveCount() {
        return store.size();
    }

    /** Whether {@code ordinal} holds a live vector. */
    boolean isLive(int ordinal) {
        return store.isLive(ordinal);
    }

    /** The live ordinals as JVector bits (a view, valid while the caller holds the lock). */
    Bits liveBits() {
        return liveBits;
    }

    /** Ordinals handed out so far, removed ones included (JVector's size: the ordinal bound). */
    @Override
    public int size() {
        return store.rows();
    }

    @Override
    public int dimension() {
        return store.dimension();
    }

    /** The graph's vector at {@code ordinal} (not a copy), or null once a removed ordinal is released. */
    @Override
    public VectorFloat<?> getVector(int ordinal) {
        return graphVectors.get(ordinal);
    }

    @Override
    public boolean isValueShared() {
        return false;
    }

    @Override
    public RandomAccessVectorValues copy() {
        return this;
    }
}
