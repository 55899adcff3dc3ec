package org.cbir.solr;

import java.io.IOException;
import java.util.Objects;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.cbir.core.ImageRecord;
import org.cbir.core.Index;

/**
 * Writes documents into a cbir collection from one of many writers at once (a Spark executor's
 * partition, a loader's thread) without committing: each writer sends its images in batches by
 * concurrent update requests, as {@link SolrIndex} does, and {@link #close()} waits until all
 * are stored; one {@link #commit} after every writer closed makes them searchable. An image
 * written again under its id replaces the stored one (unlike {@link SolrIndex#add}), so that a
 * batch sent twice, as by a retried Spark task, is stored once; the caller makes ids unique and
 * checks the count that {@code commit} returns. One writer is used by one thread; it holds a
 * SolrJ client until closed.
 */
public final class SolrBulkWriter implements AutoCloseable {
    private final SolrTarget target;
    private final CloudSolrClient client;
    private final SolrWriter writer;
    private final int dimension;

    private SolrBulkWriter(SolrTarget target, SolrOptions options, CloudSolrClient client, int dimension) {
        this.target = target;
        this.client = client;
        this.dimension = dimension;
        this.writer = new SolrWriter(target, client, new SolrRequests(target, options.retries()), options.batchSize(),
                options.updateThreads(), false);
    }

    /**
     * A writer into {@code factory}'s collection, which must hold vectors of {@code dimension}.
     *
     * @throws SolrIndexException naming the collection and hosts if it is missing, does not
     *     answer, or holds vectors of another dimension
     */
    public static SolrBulkWriter open(SolrIndexFactory factory, int dimension) {
        SolrTarget target = factory.target();
        CloudSolrClient client = target.openClient();
        try {
            int present = SolrCollections.vectorsOf(client, target).getKey();
            if (present != dimension) {
                throw new SolrIndexException(target, "the collection holds vectors of dimension " + present
                        + " but the writer has signatures of dimension " + dimension);
            }
            return new SolrBulkWriter(target, factory.options(), client, dimension);
        } catch (RuntimeException e) {
            try {
                client.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Queues the image for sending.
     *
     * @throws IllegalArgumentException if the vector's dimension differs or the id is queued already
     * @throws SolrIndexException if an earlier batch failed
     */
    public void add(ImageRecord record, float[] vector) {
        Objects.requireNonNull(record, "record");
        Index.requireDimension(vector, dimension, "vector");
        writer.add(record.id(), SolrIndex.document(record, vector));
    }

    /**
     * Hard-commits {@code factory}'s collection (opening a new searcher) and returns how many
     * documents it holds: the last step of a bulk load, after every writer closed.
     *
     * @throws SolrIndexException naming the collection and hosts if the commit fails
     */
    public static long commit(SolrIndexFactory factory) {
        SolrTarget target = factory.target();
        SolrRequests requests = new SolrRequests(target, factory.options().retries());
        try (CloudSolrClient client = target.openClient()) {
            requests.send("committing", () -> client.commit(target.collection(), true, true));
            return requests.send("counting documents", () -> client.query(target.collection(),
                    new org.apache.solr.client.solrj.SolrQuery("*:*").setRows(0))).getResults().getNumFound();
        } catch (IOException e) {
            throw new SolrIndexException(target, "closing the client failed", e);
        }
    }

    /**
     * Sends what is queued and waits until every batch is stored (not committed), then closes the client.
     *
     * @throws SolrIndexException if a batch failed
     */
    @Override
    public void close() {
        try {
            writer.flush();
        } finally {
            writer.close();
            try {
                client.close();
            } catch (IOException e) {
                throw new SolrIndexException(target, "closing the client failed", e);
            }
        }
    }
}
