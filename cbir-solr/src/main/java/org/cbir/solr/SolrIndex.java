package org.cbir.solr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.cbir.core.ComponentSpec;
import org.cbir.core.ImageRecord;
import org.cbir.core.Index;
import org.cbir.core.Metadata;
import org.cbir.core.Neighbor;
import org.cbir.core.RecordFilter;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Index} on a SolrCloud collection: each image is one document holding the pipeline's
 * id, the image's path, label and metadata ({@code meta_KEY} fields) and its signature in a
 * {@code DenseVectorField}, so the collection is sharded, replicated and served by the cluster,
 * and the saved pipeline refers to it instead of holding the vectors.
 *
 * <p>A search asks Solr's HNSW ({@code {!knn topK=f*k}}, f the {@linkplain SolrOptions#overRequest
 * over-request factor}) for candidates ranked by the collection's {@link SolrVectorFunction}, with
 * the {@link RecordFilter} as filter queries ({@code {!term f=label}bcc}, applied by Solr before
 * the vector search), fetches their stored vectors and re-ranks them exactly with the pipeline's
 * {@link Similarity}: returned distances are exactly the similarity's, including the histogram
 * metrics that Solr cannot score; the recall against the exact scan depends on f.
 * A result that Solr marks partial (a shard that did not answer in time) is refused with a
 * {@link SolrIndexException}, never returned short; so is a shard without a live replica.
 * Failed requests are retried ({@link SolrOptions#retries()}), so with two replicas per shard a
 * node going down fails no search.
 *
 * <p>Adds are buffered and sent in batches of {@link SolrOptions#batchSize()} by
 * {@link SolrOptions#updateThreads()} concurrent update requests, never committed one by one;
 * every read ({@link #search}, {@link #size}, {@link #save}) first sends what is buffered, waits
 * for it and soft-commits once, so an index reads its own writes. An id present in the collection
 * already is refused by the cluster itself ("add if absent") and reported by the next read or
 * add (the rest of its batch is stored).
 *
 * <p>Thread-safe: searches run concurrently; adds and removes take a lock. Holds a SolrJ client
 * until {@link #close()}.
 */
public final class SolrIndex implements Index, AutoCloseable {
    static final String FIELD_ID = "id";
    static final String FIELD_PATH = "path";
    static final String FIELD_LABEL = "label";
    static final String FIELD_VECTOR = "vector";
    static final String META_PREFIX = "meta_";
    private static final Logger LOG = LoggerFactory.getLogger(SolrIndex.class);

    private final SolrTarget target;
    private final SolrOptions options;
    private final CloudSolrClient client;
    private final SolrRequests requests;
    private final int dimension;
    private final Similarity similarity;
    private final ReentrantLock writes = new ReentrantLock();
    private final SolrWriter writer;
    private volatile boolean uncommitted;

    private SolrIndex(SolrTarget target, SolrOptions options, CloudSolrClient client, int dimension,
            Similarity similarity) {
        this.target = target;
        this.options = options;
        this.client = client;
        this.requests = new SolrRequests(target, options.retries());
        this.dimension = dimension;
        this.similarity = similarity;
        this.writer = new SolrWriter(target, client, requests, options.batchSize(), options.updateThreads(), true);
    }

    /**
     * Connects to {@code target}'s collection and checks that its vectors have {@code dimension}.
     *
     * @throws SolrIndexException naming the collection and hosts if it is missing, does not
     *     answer, or holds vectors of another dimension
     */
    static SolrIndex open(SolrTarget target, SolrOptions options, int dimension, Similarity similarity) {
        Objects.requireNonNull(similarity, "similarity");
        CloudSolrClient client = target.openClient();
        try {
            Map.Entry<Integer, SolrVectorFunction> vectors = SolrCollections.vectorsOf(client, target);
            if (vectors.getKey() != dimension) {
                throw new SolrIndexException(target, "the collection holds vectors of dimension " + vectors.getKey()
                        + " but the pipeline makes signatures of dimension " + dimension);
            }
            if (vectors.getValue() != SolrVectorFunction.forSimilarity(similarity)) {
                LOG.info("{} ranks candidates by {} for {}; the client re-ranks them exactly", target,
                        vectors.getValue().solrName(), similarity.spec());
            }
            return new SolrIndex(target, options, client, dimension, similarity);
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    /** The collection this index stores into. */
    public SolrTarget target() {
        return target;
    }

    @Override
    public ComponentSpec spec() {
        return SolrIndexFactory.spec(target, options);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The documents in the collection, after sending and committing what is buffered. */
    @Override
    public int size() {
        commitPending();
        SolrQuery count = new SolrQuery("*:*").setRows(0);
        long found = query(count, "counting documents").getResults().getNumFound();
        if (found > Integer.MAX_VALUE) {
            throw new SolrIndexException(target, "holds " + found + " documents, more than an Index can count");
        }
        return (int) found;
    }

    @Override
    public void add(long id, float[] vector) {
        add(new ImageRecord(id, String.valueOf(id), null), vector);
    }

    /** {@inheritDoc} The document also holds the record's path, label and metadata. */
    @Override
    public void add(ImageRecord record, float[] vector) {
        Objects.requireNonNull(record, "record");
        Index.requireDimension(vector, dimension, "vector");
        writer.add(record.id(), document(record, vector));
    }

    /** The document of an image: its record's fields and its signature. */
    static SolrInputDocument document(ImageRecord record, float[] vector) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.addField(FIELD_ID, String.valueOf(record.id()));
        doc.addField(FIELD_PATH, record.path());
        if (record.label() != null) {
            doc.addField(FIELD_LABEL, record.label());
        }
        record.metadata().forEach((key, value) -> doc.addField(META_PREFIX + key, value));
        List<Float> values = new ArrayList<>(vector.length);
        for (float v : vector) {
            values.add(v);
        }
        doc.addField(FIELD_VECTOR, values);
        return doc;
    }

    @Override
    public boolean remove(long id) {
        writes.lock();
        try {
            if (writer.discard(id)) {
                return true;
            }
            uncommitted |= writer.flush();
            if (!contains(id)) {
                return false;
            }
            requests.send("removing document " + id, () -> client.deleteById(target.collection(), String.valueOf(id)));
            uncommitted = true;
            return true;
        } finally {
            writes.unlock();
        }
    }

    /** {@inheritDoc} Asks the collection by real-time get (which sees uncommitted changes). */
    @Override
    public boolean contains(long id) {
        return pendingDocument(id) != null || stored(id, FIELD_ID) != null;
    }

    @Override
    public Optional<float[]> vector(long id) {
        SolrInputDocument buffered = pendingDocument(id);
        if (buffered != null) {
            return Optional.of(toVector(buffered.getFieldValues(FIELD_VECTOR), id));
        }
        SolrDocument doc = stored(id, FIELD_VECTOR);
        return doc == null ? Optional.empty() : Optional.of(toVector(doc.getFieldValues(FIELD_VECTOR), id));
    }

    @Override
    public List<Neighbor> search(float[] query, int k) {
        return searchWhere(query, k, RecordFilter.ALL);
    }

    /** {@inheritDoc} The filter's condition becomes Solr filter queries, applied before the vector search. */
    @Override
    public List<Neighbor> search(float[] query, int k, Filter filter) {
        Objects.requireNonNull(filter, "filter");
        return searchWhere(query, k, filter.condition());
    }

    private List<Neighbor> searchWhere(float[] query, int k, RecordFilter where) {
        Index.requireK(k);
        Index.requireDimension(query, dimension, "query");
        commitPending();
        int topK = (int) Math.min(Integer.MAX_VALUE, (long) k * options.overRequest());
        SolrQuery knn = new SolrQuery("{!knn f=" + FIELD_VECTOR + " topK=" + topK + "}" + vectorText(query));
        knn.setRows(topK);
        knn.setFields(FIELD_ID, FIELD_VECTOR);
        knn.set("distrib.singlePass", true); // the vectors come with the ids: one round trip to the shards
        for (String fq : filterQueries(where)) {
            knn.addFilterQuery(fq);
        }
        SolrDocumentList docs = query(knn, "searching").getResults();
        List<Neighbor> candidates = new ArrayList<>(docs.size());
        for (SolrDocument doc : docs) {
            long id = idOf(doc);
            candidates.add(new Neighbor(id, similarity.distance(query, toVector(doc.getFieldValues(FIELD_VECTOR), id))));
        }
        candidates.sort(null);
        return candidates.size() > k ? new ArrayList<>(candidates.subList(0, k)) : candidates;
    }

    /** The filter queries of {@code where}: one term query per condition. */
    static List<String> filterQueries(RecordFilter where) {
        List<String> fqs = new ArrayList<>(where.conditions().size());
        where.conditions().forEach((field, value) -> fqs.add("{!term f="
                + (Metadata.LABEL.equals(field) ? FIELD_LABEL : META_PREFIX + field) + "}" + value));
        return fqs;
    }

    /** Sends and commits what is buffered, then writes the collection's name and size into {@code directory}. */
    @Override
    public void save(StoreDirectory directory) throws IOException {
        SolrIndexFile.write(directory, target.collection(), dimension, size());
    }

    /** Sends and commits what is buffered, then closes the client. */
    @Override
    public void close() {
        try {
            commitPending();
        } finally {
            writer.close();
            closeQuietly(client);
        }
    }

    private QueryResponse query(SolrQuery query, String what) {
        query.set("shards.tolerant", false);
        QueryResponse response = requests.send(what, () -> client.query(target.collection(), query, SolrRequest.METHOD.POST));
        Object partial = response.getResponseHeader() == null ? null : response.getResponseHeader().get("partialResults");
        if (Boolean.TRUE.equals(partial) || "true".equals(String.valueOf(partial))) {
            throw new SolrIndexException(target, what + " returned partial results (a shard did not answer in time);"
                    + " refused rather than returned short");
        }
        return response;
    }

    private SolrDocument stored(long id, String field) {
        ModifiableSolrParams params = new ModifiableSolrParams();
        params.set("fl", field);
        return requests.send("reading document " + id,
                () -> client.getById(target.collection(), String.valueOf(id), params));
    }

    private SolrInputDocument pendingDocument(long id) {
        return writer.unsent(id);
    }

    /** Sends the buffered documents, waits for those in flight, and soft-commits if anything changed. */
    private void commitPending() {
        writes.lock();
        try {
            uncommitted |= writer.flush();
            if (uncommitted) {
                requests.send("committing", () -> client.commit(target.collection(), true, true, true));
                uncommitted = false;
            }
        } finally {
            writes.unlock();
        }
    }

    private long idOf(SolrDocument doc) {
        Object id = doc.getFieldValue(FIELD_ID);
        try {
            return Long.parseLong(String.valueOf(id));
        } catch (NumberFormatException e) {
            throw new SolrIndexException(target, "holds a document whose id '" + id + "' is not a cbir id;"
                    + " is it a cbir collection?");
        }
    }

    private float[] toVector(Collection<Object> values, long id) {
        if (values == null || values.size() != dimension) {
            throw new SolrIndexException(target, "document " + id + " has " + (values == null ? "no" : values.size())
                    + " vector values, expected " + dimension + " (is the vector field stored?)");
        }
        float[] vector = new float[dimension];
        int i = 0;
        for (Object v : values) {
            vector[i++] = ((Number) v).floatValue();
        }
        return vector;
    }

    private static String vectorText(float[] vector) {
        StringBuilder sb = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            sb.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return sb.append(']').toString();
    }

    private static void closeQuietly(CloudSolrClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("closing the Solr client failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "SolrIndex[" + target + ", dimension=" + dimension + ", " + similarity.spec() + "]";
    }
}
