package org.cbir.index.graph;

import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.util.ArrayList;
import java.util.BitSet;
import org.cbir.core.search.IdRows;

/**
 * The vectors of a graph index by JVector ordinal: the caller's vectors (for exact ranking and
 * {@code vector(id)}), the vectors the graph compares (the same arrays for Euclidean, normalised
 * copies for cosine), the caller's {@code long} id of each ordinal and the ordinal of each id.
 * Ordinals are dense from 0 and never reused while the index lives: a removed ordinal keeps its
 * slot (its vectors are released once the graph has dropped the node), and saving renumbers the
 * live ones. Implements JVector's {@link RandomAccessVectorValues}; the values are not shared
 * (each {@link #getVector} returns the stored vector itself, never to be modified).
 *
 * <p>Not thread-safe: the index reads it under its read lock and changes it under its write lock.
 */
final class GraphVectors implements RandomAccessVectorValues {
    private static final VectorTypeSupport TYPES = VectorizationProvider.getInstance().getVectorTypeSupport();

    private final int dimension;
    private final ArrayList<float[]> originals = new ArrayList<>();
    private final ArrayList<VectorFloat<?>> graphVectors = new ArrayList<>();
    /** The id of each ordinal and the ordinal of each live id (a removed id leaves the table, not its ordinal). */
    private final IdRows ordinals = new IdRows(16);
    private final BitSet live = new BitSet();
    private final Bits liveBits = live::get;

    GraphVectors(int dimension) {
        this.dimension = dimension;
    }

    /** Wraps {@code vector} (not copied) as a JVector vector. */
    static VectorFloat<?> wrap(float[] vector) {
        return TYPES.createFloatVector(vector);
    }

    /**
     * Appends {@code original} and {@code graphVector} (owned by this store from now on) under
     * {@code id}; returns the new ordinal.
     *
     * @throws IllegalArgumentException if {@code id} is present
     */
    int append(long id, float[] original, float[] graphVector) {
        if (ordinals.rowOf(id) >= 0) {
            throw new IllegalArgumentException("id " + id + " is already in the index");
        }
        int ordinal = ordinals.append(id);
        originals.add(original);
        graphVectors.add(wrap(graphVector));
        live.set(ordinal);
        return ordinal;
    }

    /** Marks the ordinal of {@code id} removed and returns it, or -1 when the id is absent. */
    int remove(long id) {
        int ordinal = ordinals.unlink(id);
        if (ordinal >= 0) {
            live.clear(ordinal);
        }
        return ordinal;
    }

    /** Frees the vectors of removed ordinals, which the graph no longer reaches. */
    void releaseRemoved() {
        for (int ordinal = live.nextClearBit(0); ordinal < originals.size(); ordinal = live.nextClearBit(ordinal + 1)) {
            originals.set(ordinal, null);
            graphVectors.set(ordinal, null);
        }
    }

    /** The ordinal of {@code id}, or -1. */
    int ordinalOf(long id) {
        return ordinals.rowOf(id);
    }

    long id(int ordinal) {
        return ordinals.id(ordinal);
    }

    /** The caller's vector at {@code ordinal} (not a copy). */
    float[] original(int ordinal) {
        return originals.get(ordinal);
    }

    /** Live vectors. */
    int liveCount() {
        return ordinals.liveCount();
    }

    /** Whether {@code ordinal} holds a live vector. */
    boolean isLive(int ordinal) {
        return live.get(ordinal);
    }

    /** The live ordinals as JVector bits (a view, valid while the caller holds the lock). */
    Bits liveBits() {
        return liveBits;
    }

    /** Ordinals handed out so far, removed ones included (JVector's size: the ordinal bound). */
    @Override
    public int size() {
        return originals.size();
    }

    @Override
    public int dimension() {
        return dimension;
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
