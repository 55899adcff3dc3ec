package org.cbir.solr;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request to a collection again when it fails for a reason that may pass (a node down or
 * restarting, a timeout, a 5xx answer), with a back-off doubling from 100 ms; a request that the
 * collection refuses (a 4xx answer) fails at once. SolrJ's unchecked failures (cluster state that
 * cannot be fetched from any node) count as failures that may pass. Errors name the collection and the hosts.
 * Stateless and thread-safe.
 */
final class SolrRequests {
    private static final Logger LOG = LoggerFactory.getLogger(SolrRequests.class);
    private static final long FIRST_BACKOFF_MS = 100;

    /** A request to the collection. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws SolrServerException, IOException;
    }

    private final SolrTarget target;
    private final int retries;

    SolrRequests(SolrTarget target, int retries) {
        this.target = target;
        this.retries = retries;
    }

    /**
     * The result of {@code call}, tried up to {@code 1 + retries} times.
     *
     * @param what what the request does, for the error message ("searching")
     * @throws SolrIndexException naming the collection, the hosts and {@code what} when every
     *     attempt failed, or at once when the collection refused the request
     */
    <T> T send(String what, Call<T> call) {
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 0; ; attempt++) {
            try {
                return call.run();
            } catch (SolrServerException | IOException | RuntimeException e) {
                if (e instanceof SolrIndexException || e instanceof IllegalArgumentException) {
                    throw (RuntimeException) e;
                }
                if (!mayPass(e)) {
                    throw new SolrIndexException(target, what + " was refused", e);
                }
                if (attempt >= retries) {
                    throw new SolrIndexException(target, what + " failed after " + (attempt + 1) + " attempts"
                            + (timedOut(e) ? ": timed out after " + target.requestTimeout().toMillis() + " ms" : ""), e);
                }
                LOG.debug("{}: {} failed (attempt {}), retrying in {} ms: {}", target, what, attempt + 1, backoff,
                        e.toString());
                sleep(backoff, what);
                backoff *= 2;
            }
        }
    }

    private void sleep(long millis, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SolrIndexException(target, what + " was interrupted", e);
        }
    }

    /**
     * Whether a failure may pass when the request is sent again: anything but an answer of the
     * collection that refuses the request (a 4xx), unless that answer was itself cut off (a
     * connection closed while the response was read, as when a node stops).
     */
    static boolean mayPass(Exception e) {
        if (e instanceof SolrException solr) {
            int code = solr.code();
            return code >= 500 || code <= 0 || causedByIo(e);
        }
        return true;
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
