package org.cbir.solr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.UpdateResponse;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.NamedList;

/**
 * The write path of a {@link SolrIndex}: documents are buffered, sent in batches of
 * {@code batchSize} by up to {@code threads} concurrent update requests (SolrJ's javabin), and
 * never committed here ({@link SolrIndex} commits once before it reads). The caller's thread only
 * builds documents and hands batches over, so it keeps adding while the cluster indexes.
 *
 * <p>Duplicate ids cost no request of their own: every document carries {@code _version_ = -1}
 * (Solr's optimistic concurrency: "add only if absent"), and the configset's update chain
 * tolerates per-document failures, so the cluster stores the rest of a batch and answers with
 * the ids it refused; those are reported by the next {@link #flush()} as an
 * {@link IllegalArgumentException}. Ids twice in the buffer or in a batch still in flight are
 * refused at once. Failures of a whole batch (after {@link SolrRequests}' retries) are reported
 * by the next {@link #add} or {@link #flush()}.
 *
 * <p>Thread-safe: its methods synchronize on the writer; the update threads touch only the
 * in-flight table and the failure lists.
 */
final class SolrWriter {
    private final SolrTarget target;
    private final CloudSolrClient client;
    private final SolrRequests requests;
    private final int batchSize;
    private final int threads;
    private final Semaphore slots;
    private final Map<Long, SolrInputDocument> pending = new LinkedHashMap<>();
    private final Map<Long, SolrInputDocument> inFlight = new ConcurrentHashMap<>();
    private final List<Long> refused = new ArrayList<>();
    private final List<RuntimeException> failures = new ArrayList<>();
    private final boolean onlyIfAbsent;
    private ExecutorService updates;
    private boolean unsent;

    /**
     * @param onlyIfAbsent whether the cluster refuses ids it holds already ({@code _version_ = -1});
     *     false replaces them, so that sending a batch again (a retried Spark task) is harmless
     */
    SolrWriter(SolrTarget target, CloudSolrClient client, SolrRequests requests, int batchSize, int threads,
            boolean onlyIfAbsent) {
        this.onlyIfAbsent = onlyIfAbsent;
        this.target = target;
        this.client = client;
        this.requests = requests;
        this.batchSize = batchSize;
        this.threads = threads;
        this.slots = new Semaphore(threads);
    }

    /**
     * Buffers {@code doc} under {@code id}, sending the buffer when it holds a batch.
     *
     * @throws IllegalArgumentException if {@code id} is buffered or in flight already
     * @throws SolrIndexException if an earlier batch failed
     */
    synchronized void add(long id, SolrInputDocument doc) {
        rethrowFailures();
        if (inFlight.containsKey(id) || pending.putIfAbsent(id, doc) != null) {
            throw new IllegalArgumentException("id " + id + " is already in the index");
        }
        if (onlyIfAbsent) {
            doc.setField("_version_", -1L);
        }
        if (pending.size() >= batchSize) {
            send();
        }
    }

    /** The document buffered or in flight under {@code id}, or null. */
    SolrInputDocument unsent(long id) {
        synchronized (this) {
            SolrInputDocument doc = pending.get(id);
            return doc != null ? doc : inFlight.get(id);
        }
    }

    /** Drops {@code id} from the buffer; whether it was there. */
    synchronized boolean discard(long id) {
        return pending.remove(id) != null;
    }

    /**
     * Sends the buffer, waits for every batch in flight, and reports what the cluster refused.
     *
     * @return whether anything was sent since the last flush (a commit is due)
     * @throws IllegalArgumentException naming the ids that the collection held already
     * @throws SolrIndexException if a batch failed
     */
    synchronized boolean flush() {
        send();
        slots.acquireUninterruptibly(threads);
        slots.release(threads);
        boolean sent = unsent;
        unsent = false;
        rethrowFailures();
        return sent;
    }

    /** Waits for the batches in flight and stops the update threads. */
    synchronized void close() {
        if (updates != null) {
            slots.acquireUninterruptibly(threads);
            slots.release(threads);
            updates.shutdown();
        }
    }

    private void send() {
        if (pending.isEmpty()) {
            return;
        }
        List<SolrInputDocument> batch = new ArrayList<>(pending.values());
        List<Long> ids = new ArrayList<>(pending.keySet());
        inFlight.putAll(pending);
        pending.clear();
        unsent = true;
        slots.acquireUninterruptibly();
        try {
            updates().execute(() -> {
                try {
                    update(batch);
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } finally {
                    ids.forEach(inFlight::remove);
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            ids.forEach(inFlight::remove);
            slots.release();
            throw e;
        }
    }

    private void update(Collection<SolrInputDocument> batch) {
        UpdateRequest request = new UpdateRequest();
        request.add(batch);
        request.setParam("maxErrors", "-1");
        UpdateResponse response = requests.send("adding " + batch.size() + " documents",
                () -> request.process(client, target.collection()));
        Object errors = response.getResponseHeader() == null ? null : response.getResponseHeader().get("errors");
        if (!(errors instanceof List<?> list) || list.isEmpty()) {
            return;
        }
        List<Long> conflicts = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Object error : list) {
            String id = String.valueOf(field(error, "id"));
            String message = String.valueOf(field(error, "message"));
            if (message.contains("version conflict") || message.contains("already exists")) {
                conflicts.add(Long.parseLong(id));
            } else {
                others.add(id + ": " + message);
            }
        }
        synchronized (failures) {
            refused.addAll(conflicts);
            if (!others.isEmpty()) {
                failures.add(new SolrIndexException(target, "refused " + others.size() + " documents: " + others));
            }
        }
    }

    private static Object field(Object error, String name) {
        if (error instanceof NamedList<?> named) {
            return named.get(name);
        }
        return error instanceof Map<?, ?> map ? map.get(name) : null;
    }

    private void rethrowFailures() {
        synchronized (failures) {
            if (!failures.isEmpty()) {
                RuntimeException first = failures.get(0);
                failures.clear();
                refused.clear();
                throw first;
            }
            if (!refused.isEmpty()) {
                List<Long> ids = new ArrayList<>(refused);
                refused.clear();
                ids.sort(null);
                throw new IllegalArgumentException("ids already in " + target + ": " + ids);
            }
        }
    }

    private ExecutorService updates() {
        if (updates == null) {
            AtomicInteger n = new AtomicInteger();
            updates = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "cbir-solr-update-" + target.collection() + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return updates;
    }
}
