package org.cbir.solr;

/**
 * A SolrCloud collection could not serve a request: it does not exist, a node timed out, a shard
 * answered nothing or only part of its results. The message names the collection and the hosts.
 */
public class SolrIndexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error about {@code target}: the message starts with the collection and its hosts. */
    public SolrIndexException(SolrTarget target, String problem, Throwable cause) {
        super(target + ": " + problem + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"),
                cause);
    }

    /** An error about {@code target} without an underlying exception. */
    public SolrIndexException(SolrTarget target, String problem) {
        this(target, problem, null);
    }
}
