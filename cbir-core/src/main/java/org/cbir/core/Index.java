package org.cbir.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A searchable set of signatures, each under a caller-chosen {@code long} id. Created by an
 * {@link IndexFactory} for a fixed dimension and {@link Similarity}.
 *
 * <p>Searches may run from many threads at once; {@link #add} and {@link #remove} may run
 * concurrently with searches (a search sees each vector either before or after the change).
 * Vectors passed in are copied; returned lists are new and owned by the caller.
 */
public interface Index extends Persistent {

    /** The type and parameters of the index, without its contents. */
    ComponentSpec spec();

    /** The length of every stored vector. */
    int dimension();

    /** How many vectors are stored. */
    int size();

    /**
     * Stores {@code vector} under {@code id}.
     *
     * @throws IllegalArgumentException if the dimension differs or the id is already present
     */
    void add(long id, float[] vector);

    /** Removes the vector stored under {@code id}; returns whether there was one. */
    boolean remove(long id);

    /** Whether a vector is stored under {@code id}. */
    boolean contains(long id);

    /**
     * A copy of the vector stored under {@code id} (owned by the caller), or empty when the id
     * is absent. Lets evaluations query with stored signatures instead of decoding images again.
     */
    Optional<float[]> vector(long id);

    /**
     * The (at most) {@code k} stored vectors closest to {@code query}, closest first. Exact
     * indexes return the true nearest neighbours; approximate ones document their recall.
     *
     * @throws IllegalArgumentException if {@code k < 1} or the query's dimension differs
     */
    List<Neighbor> search(float[] query, int k);

    /**
     * {@link #search} for each query, in order. Implementations may scan their storage once for
     * the whole batch; the default searches one query after another.
     */
    default List<List<Neighbor>> searchAll(List<float[]> queries, int k) {
        requireK(k);
        List<List<Neighbor>> results = new ArrayList<>(queries.size());
        for (float[] query : queries) {
            results.add(search(query, k));
        }
        return results;
    }

    /**
     * Returns {@code vector} if it has the index's {@code dimension}; otherwise fails with a
     * message that names {@code what} (e.g. "query") and both lengths. For implementations.
     */
    static float[] requireDimension(float[] vector, int dimension, String what) {
        java.util.Objects.requireNonNull(vector, what);
        if (vector.length != dimension) {
            throw new IllegalArgumentException("dimension mismatch: " + what + " has length " + vector.length
                    + " but the index holds vectors of dimension " + dimension);
        }
        return vector;
    }

    /** Fails unless {@code k >= 1}; for implementations and callers of {@link #search}. */
    static void requireK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }
}
