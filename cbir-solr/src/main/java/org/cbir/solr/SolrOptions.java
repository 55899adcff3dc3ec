package org.cbir.solr;

/**
 * How a {@link SolrIndex} talks to its collection. Validated on construction; immutable.
 *
 * @param overRequest how many times {@code k} candidates a search asks Solr for
 *     ({@code {!knn topK=overRequest*k}}) before re-ranking them exactly on the client with the
 *     pipeline's similarity. Solr's HNSW search and its merge across shards are approximate, and
 *     Solr scores only cosine, dot product and Euclidean distance: more candidates give a recall
 *     closer to the exact scan's, for any similarity, at the cost of transferring
 *     {@code overRequest * k} vectors per query (see BENCHMARKS.md for recall against topK)
 * @param batchSize documents sent per update request when adding
 * @param retries how many times a failed request (a node down, a timeout, a 5xx answer) is sent
 *     again, with a back-off doubling from {@code 100 ms}, before the error reaches the caller
 * @param updateThreads how many update requests (batches) may be in flight at once while the
 *     caller keeps adding; more than the cluster's indexing cores gains nothing (BENCHMARKS.md)
 */
public record SolrOptions(int overRequest, int batchSize, int retries, int updateThreads) {
    /** The update threads when none are given. */
    public static final int DEFAULT_UPDATE_THREADS = 2;
    /** The defaults: over-request 8, batches of 1,000, 3 retries, 2 update threads. */
    public static final SolrOptions DEFAULTS = new SolrOptions(8, 1000, 3, DEFAULT_UPDATE_THREADS);

    /** @throws IllegalArgumentException if a value is out of range */
    public SolrOptions {
        if (overRequest < 1) {
            throw new IllegalArgumentException("over-request factor must be at least 1, got " + overRequest);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, got " + retries);
        }
        if (updateThreads < 1) {
            throw new IllegalArgumentException("update threads must be at least 1, got " + updateThreads);
        }
    }

    /** These options with {@value #DEFAULT_UPDATE_THREADS} update threads. */
    public SolrOptions(int overRequest, int batchSize, int retries) {
        this(overRequest, batchSize, retries, DEFAULT_UPDATE_THREADS);
    }

    /** These options with {@code threads} update threads. */
    public SolrOptions withUpdateThreads(int threads) {
        return new SolrOptions(overRequest, batchSize, retries, threads);
    }
}
