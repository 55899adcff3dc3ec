package org.cbir.core;

import java.util.List;
import java.util.Objects;
import java.util.function.LongPredicate;

/**
 * A searchable set of signatures, each under a caller-chosen {@code long} id. Created by an
 * {@link IndexFactory} for a fixed dimension and {@link Similarity}.
 *
 * <p>The reading half is {@link IndexView}; this interface adds the changes ({@link #add},
 * {@link #remove}) and the save. Searches may run from many threads at once; {@link #add} and
 * {@link #remove} may run concurrently with searches (a search sees each vector either before or
 * after the change).
 * Vectors passed in are copied; returned lists are new and owned by the caller (no view of the
 * index's state), and may be unmodifiable: copy one to change it.
 */
public interface Index extends IndexView, Persistent {

    /**
     * Stores {@code vector} under {@code id}.
     *
     * @throws IllegalArgumentException if the dimension differs or the id is already present
     */
    void add(long id, float[] vector);

    /**
     * Stores {@code vector} under {@code record.id()}. The pipeline adds through this method, so
     * that an index which keeps the records itself (a Solr collection, which filters and returns
     * them on its own) receives them; the default ignores everything but the id.
     *
     * @throws IllegalArgumentException if the dimension differs or the id is already present
     */
    default void add(ImageRecord record, float[] vector) {
        add(record.id(), vector);
    }

    /** Removes the vector stored under {@code id}; returns whether there was one. */
    boolean remove(long id);

    /**
     * A query-time filter, as the pipeline hands it to an index: the {@code condition} as data
     * (for an index that filters in its own engine) and the same condition bound to the
     * pipeline's records as a predicate on ids (for every other index).
     *
     * @param condition what the caller asked for
     * @param accepts whether the image with an id meets it; must be thread-safe
     */
    record Filter(RecordFilter condition, LongPredicate accepts) {
        public Filter {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(accepts, "accepts");
        }
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

    /**
     * Returns {@code queries} if every one has the index's {@code dimension}; otherwise fails naming
     * the first that does not ({@code "query 3"}) and both lengths. For implementations of
     * {@link #searchAll}.
     */
    static List<float[]> requireDimensions(List<float[]> queries, int dimension) {
        Objects.requireNonNull(queries, "queries");
        for (int q = 0; q < queries.size(); q++) {
            requireDimension(queries.get(q), dimension, "query " + q);
        }
        return queries;
    }

    /** Fails unless {@code k >= 1}; for implementations and callers of {@link #search}. */
    static void requireK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }
}
