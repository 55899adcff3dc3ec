package org.cbir.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reading side of an {@link Index}: its size and vectors, and searches. The pipeline
 * hands this view out ({@link RetrievalPipeline#index()}) so that analyses read the stored
 * signatures without being able to add or remove any behind the pipeline's records; code
 * that only searches (grouping, label suggestion, evaluation) takes a view. Thread-safe as
 * {@link Index} is.
 */
public interface IndexView {
    /** The type and parameters of the index, without its contents. */
    ComponentSpec spec();

    /** The length of every stored vector. */
    int dimension();

    /** How many vectors are stored. */
    int size();

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
     * {@link Index.Filter#condition()} into its own filter.
     *
     * @throws IllegalArgumentException if {@code k < 1} or the query's dimension differs
     */
    default List<Neighbor> search(float[] query, int k, Index.Filter filter) {
        Index.requireK(k);
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
     * {@link #search} for each query, in order. Implementations may scan their storage once for
     * the whole batch; the default searches one query after another.
     */
    default List<List<Neighbor>> searchAll(List<float[]> queries, int k) {
        Index.requireK(k);
        List<List<Neighbor>> results = new ArrayList<>(queries.size());
        for (float[] query : queries) {
            results.add(search(query, k));
        }
        return results;
    }
}
