package org.cbir.index.graph;

import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import org.cbir.core.internal.index.VectorStore;
import org.cbir.core.internal.index.VectorView;

/**
 * The vectors of a graph index by JVector ordinal, held once: the caller's vectors, ids and the
 * ordinal of each id in core's shared {@link VectorStore} (ordinal = row). The graph compares
 * them through this class as JVector's {@link RandomAccessVectorValues} with shared values:
 * {@link #getVector} copies the row into this instance's buffer (normalising it under cosine) and
 * returns that buffer, valid until the next call; JVector gives each building thread its own
 * {@link #copy()}, and each searching thread of the index keeps one. Before, the graph held a
 * second copy of every vector and its JVector wrapper ({@code 4 d + 32} bytes per vector).
 * Ordinals are dense from 0 and never reused while the index lives: a removed ordinal stays a
 * dead row of the store; saving renumbers the live ones.
 *
 * <p>Not thread-safe: each instance serves one thread at a time; the index reads the store under
 * its read lock and changes it under its write lock.
 */
final class GraphVectors implements RandomAccessVectorValues {
    private static final VectorTypeSupport TYPES = VectorizationProvider.getInstance().getVectorTypeSupport();

    private final VectorStore store;
    private final boolean normalise;
    private final Bits liveBits;
    private final float[] buffer;
    private final VectorFloat<?> bufferVector;

    /** Vectors of {@code dimension}, compared as unit vectors when {@code normalise}. */
    GraphVectors(int dimension, boolean normalise) {
        this(new VectorStore(dimension), normalise);
    }

    private GraphVectors(VectorStore store, boolean normalise) {
        this.store = store;
        this.normalise = normalise;
        this.liveBits = store::isLive;
        this.buffer = new float[store.dimension()];
        this.bufferVector = TYPES.createFloatVector(buffer);
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
     * Appends a copy of {@code original} under {@code id}; returns the new ordinal.
     *
     * @throws IllegalArgumentException if {@code id} is present
     */
    int append(long id, float[] original) {
        return store.append(id, original, 0);
    }

    /** Marks the ordinal of {@code id} removed and returns it, or -1 when the id is absent. */
    int remove(long id) {
        return store.markRemoved(id);
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

    /** The vector the graph compares at {@code ordinal}, in this instance's buffer (valid until the next call). */
    @Override
    public VectorFloat<?> getVector(int ordinal) {
        fill(ordinal, buffer);
        return bufferVector;
    }

    /** The vector the graph compares at {@code ordinal}, in a new array of its own. */
    VectorFloat<?> fresh(int ordinal) {
        float[] vector = new float[store.dimension()];
        fill(ordinal, vector);
        return wrap(vector);
    }

    private void fill(int ordinal, float[] target) {
        store.copyRow(ordinal, target, 0);
        if (normalise) {
            double norm = 0;
            for (float v : target) {
                norm += (double) v * v;
            }
            if (norm > 0) { // one division per vector, not per component: this runs for every node a walk visits
                float inverse = (float) (1 / Math.sqrt(norm));
                for (int i = 0; i < target.length; i++) {
                    target[i] *= inverse;
                }
            }
        }
    }

    @Override
    public boolean isValueShared() {
        return true;
    }

    /** A view of the same vectors with a buffer of its own, for another thread. */
    @Override
    public RandomAccessVectorValues copy() {
        return new GraphVectors(store, normalise);
    }
}
