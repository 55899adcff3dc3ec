package org.cbir.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongPredicate;

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
     * The (at most) {@code k} stored vectors closest to {@code query} among those that
     * {@code filter} accepts, closest first. The default over-requests: it searches for
     * {@value #FILTER_OVER_REQUEST} times {@code k} (at least {@code k + 16}) neighbours, keeps
     * the accepted ones, and asks again for {@value #FILTER_OVER_REQUEST} times as many while fewer
     * than {@code k} passed and the index holds more, so a selective filter on an approximate
     * index costs several searches, up to one of the whole index. Exact indexes skip rejected
     * vectors during the scan instead; an index that holds the records turns
     * {@link Filter#condition()} into its own filter.
     *
     * @throws IllegalArgumentException if {@code k < 1} or the query's dimension differs
     */
    default List<Neighbor> search(float[] query, int k, Filter filter) {
        requireK(k);
        Objects.requireNonNull(filter, "filter");
        if (filter.condition().acceptsAll()) {
            return search(query, k);
        }
        int size = size();
        long requested = Math.min(size, Math.max((long) k * FILTER_OVER_REQUEST, k + 16L));
        while (true) {
            List<Neighbor> accepted = new ArrayList<>(k);
            for (Neighbor n : search(query, (int) Math.max(1, requested))) {
                if (filter.accepts().test(n.id())) {
                    accepted.add(n);
                    if (accepted.size() == k) {
                        return accepted;
                    }
                }
            }
            if (requested >= size) {
                return accepted;
            }
            requested = Math.min(size, requested * FILTER_OVER_REQUEST);
        }
    }

    /** How many times more neighbours the default filtered search asks for than it needs. */
    int FILTER_OVER_REQUEST = 4;

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
