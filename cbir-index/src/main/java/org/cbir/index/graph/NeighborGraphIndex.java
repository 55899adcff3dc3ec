package org.cbir.index.graph;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.internal.index.ExactRerank;
import org.cbir.core.internal.index.GuardedIndex;
import org.cbir.core.internal.index.VectorView;
import org.cbir.core.io.StoreDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A graph index on JVector (see {@link NeighborGraph} for the algorithm and its parameters). Each
 * {@code long} id is mapped to a JVector {@code int} ordinal in the order of {@link #add}.
 *
 * <p><b>Two forms of the graph.</b> JVector builds and changes the graph ({@link #add} inserts
 * the node at once, JVector's {@code GraphIndexBuilder.addGraphNode}, so the graph is never
 * rebuilt); searches read a compact copy ({@code CompactGraph}: each layer's neighbour lists as
 * flat {@code int} rows, no per-edge scores or per-node objects, searched with a beam search of
 * our own on primitive heaps). The rule between them: {@link #addAll} ends with a compact copy
 * and lets JVector's graph go; a loaded index has only the compact copy; the first add or purge
 * after that makes JVector's graph again from the copy (its {@code load}, which recomputes each
 * edge's score: about the cost of {@code maxDegree} distances per node), and the copy is then
 * stale; while it is stale, searches use JVector's own search of its graph, until at least a
 * 32nd of the nodes have been added or purged since the last copy, when the next search makes a
 * new copy and lets JVector's graph go again. So a bulk load, or adds between rare searches,
 * search the compact copy; a stream of single adds between searches costs one copy per 32nd of
 * the collection. Setting the system property {@value #SEARCH_PROPERTY} to {@code jvector} when
 * the index is created keeps JVector's graph and search throughout (the benchmarks' baseline).
 *
 * <p><b>Removals.</b> {@link #remove} marks the node deleted: searches skip it at once but still
 * walk through it; when more than {@code max(256, size / 10)} removed nodes have accumulated, or
 * at least as many as live ones (so that new nodes still find live neighbours), and before every
 * save, they are purged from the graph (JVector's {@code removeDeletedNodes}, which links the
 * neighbours of a removed node to each other, FreshDiskANN's rule) and their graph vectors are
 * released (the caller's vector stays a dead row of the shared store until the index is saved
 * and loaded again). Ordinals of removed nodes are not reused; saving renumbers the live ones.
 *
 * <p><b>Memory</b> per vector, roughly: {@code 4 d} bytes for the vector and 13 to 15.5 for its id
 * in core's shared {@code VectorStore}, which the graph reads in place (with the inverse norm of
 * each vector under cosine, 4 bytes: {@code GraphVectors}), and, in the compact copy, 4 bytes per
 * slot of the base layer's rows (the longest list's length, at most about
 * {@code maxDegree x neighborOverflow}) plus a few percent for the upper layers. While JVector's
 * graph is held (between changes and the next copy) it adds about {@code 8 x maxDegree x 1.2}
 * bytes (node and score per edge, with overflow room) and its per-node objects. Measured heap
 * per vector: see the issue 20 graph rows of BENCHMARKS.md.
 *
 * <p>Thread-safe: searches share a read lock and run in parallel; additions, removals and purges
 * take the write lock, one at a time, so {@link #add} inserts from one thread at a time;
 * {@link #addAll} inserts a batch from many threads. Each searching thread keeps its search
 * buffers (one byte per node for the visited marks, and the heaps) for as long as the index lives.
 */
public final class NeighborGraphIndex extends GuardedIndex {
    /**
     * The system property that, when {@code jvector} as an index is created, keeps JVector's
     * graph and its own search (no compact copy): the comparison baseline for benchmarks.
     */
    public static final String SEARCH_PROPERTY = "cbir.graph.search";
    private static final Logger LOG = LoggerFactory.getLogger(NeighborGraphIndex.class);
    private static final int MIN_PURGE = 256;
    /** A search makes a new compact copy once this fraction's inverse of the nodes has changed since the last. */
    private static final int COMPACT_AFTER = 32;

    private final NeighborGraph parameters;
    private final GraphMetric metric;
    private final GraphVectors vectors;
    private final boolean jvectorSearch;
    /** JVector's mutable graph; null while the compact copy is the only form (after a search or a load). */
    private volatile GraphIndexBuilder graph;
    /** The graph as searches read it; null while stale (after a change, until the next search). */
    private volatile CompactGraph compact;
    private final Object compacting = new Object();
    /** Nodes added or purged since the compact copy was made (all of them before the first). */
    private volatile int changesSinceCompact;
    private int removedInGraph;
    /** One reusable set of search buffers per thread. */
    private final ThreadLocal<CompactGraph.Scratch> scratches = ThreadLocal.withInitial(CompactGraph.Scratch::new);
    /** With {@link #SEARCH_PROPERTY} {@code jvector}: one reusable JVector searcher per thread. */
    private final ThreadLocal<GraphSearcher> searchers;

    /** An empty index over {@code vectors}. */
    NeighborGraphIndex(NeighborGraph parameters, int dimension, Similarity similarity, GraphMetric metric,
            GraphVectors vectors) {
        this(parameters, dimension, similarity, metric, vectors, null);
    }

    /** An index over {@code vectors} with the loaded graph {@code loaded}, or an empty one when it is null. */
    NeighborGraphIndex(NeighborGraph parameters, int dimension, Similarity similarity, GraphMetric metric,
            GraphVectors vectors, CompactGraph loaded) {
        super(dimension, similarity);
        this.parameters = parameters;
        this.metric = metric;
        this.vectors = vectors;
        this.jvectorSearch = "jvector".equals(System.getProperty(SEARCH_PROPERTY));
        this.compact = loaded;
        this.graph = loaded == null ? newBuilder() : null;
        if (jvectorSearch && loaded != null) {
            mutable();
        }
        this.searchers = ThreadLocal.withInitial(() -> new GraphSearcher(graph.getGraph()));
    }

    @SuppressWarnings("deprecation") // JVector 4.0.2's only constructors that set hierarchy and refinement explicitly
    private GraphIndexBuilder newBuilder() {
        return new GraphIndexBuilder(new GraphScores(vectors), dimension(), parameters.maxDegree(),
                parameters.beamWidth(), parameters.neighborOverflow(), parameters.alpha(), parameters.hierarchy(),
                true);
    }

    /**
     * JVector's mutable graph, made from the compact copy when there is none (JVector's
     * {@code load}, which recomputes each edge's score; removed nodes still in the graph are marked
     * deleted again); the compact copy is then stale. Write lock held.
     */
    @SuppressWarnings("deprecation") // GraphIndexBuilder.load: JVector's only public way back to a mutable graph
    private GraphIndexBuilder mutable() {
        GraphIndexBuilder builder = graph;
        if (builder == null) {
            CompactGraph from = compact;
            long start = System.nanoTime();
            builder = newBuilder();
            GraphStreamReader reader = new GraphStreamReader(from, vectors);
            try {
                builder.load(reader);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // the reader reads memory and throws none
            }
            reader.requireFinished();
            for (int ordinal = 0; ordinal < from.bound(); ordinal++) {
                if (from.contains(ordinal) && !vectors.isLive(ordinal)) {
                    builder.markNodeDeleted(ordinal);
                }
            }
            graph = builder;
            LOG.debug("made JVector's graph of {} nodes from the compact copy in {} ms", from.size(0),
                    (System.nanoTime() - start) / 1_000_000);
        }
        compact = null;
        return builder;
    }

    /**
     * JVector's mutable graph ({@link #mutable}), purged first when its entry node has been
     * removed: JVector's insertion walks from the entry node and, when that node is only marked
     * deleted, finds no neighbours for the new node, which then stays unreachable, and so do the
     * nodes inserted after it (the test {@code nodesAddedAfterTheEntryNodeIsRemovedStayFindable}); the
     * purge makes JVector pick a live entry.
     * Write lock held.
     */
    private GraphIndexBuilder insertable() {
        GraphIndexBuilder builder = mutable();
        if (removedInGraph > 0) {
            int entry = entryOf(builder);
            if (entry < 0 || !vectors.isLive(entry)) {
                purgeRemoved();
            }
        }
        return builder;
    }

    /** The id of the node searches and insertions start from, -1 when the index is empty; for tests. */
    long entryId() {
        readLock().lock();
        try {
            GraphIndexBuilder builder = graph;
            int entry = builder != null ? entryOf(builder) : compact.entry();
            return entry < 0 ? -1 : vectors.id(entry);
        } finally {
            readLock().unlock();
        }
    }

    /** The entry node of JVector's graph, -1 when it is empty. */
    private static int entryOf(GraphIndexBuilder builder) {
        try (var view = builder.getGraph().getView()) {
            var entry = view.entryNode();
            return entry == null ? -1 : entry.node;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // closing an on-heap view does no I/O
        }
    }

    /**
     * The compact copy, made from JVector's graph when it is stale (one thread makes it, others
     * wait), after which JVector's graph is let go. Read or write lock held.
     */
    private CompactGraph compacted() {
        CompactGraph current = compact;
        if (current != null) {
            return current;
        }
        synchronized (compacting) {
            current = compact;
            if (current == null) {
                long start = System.nanoTime();
                current = CompactGraph.of(graph.getGraph(), vectors.rows());
                compact = current;
                graph = null;
                changesSinceCompact = 0;
                LOG.debug("compacted the graph of {} nodes ({} layers, base row width {}, {} bytes) in {} ms",
                        current.size(0), current.layers(), current.baseWidth(), current.bytes(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            return current;
        }
    }

    /** {@link NeighborGraph#spec()} of the factory that built it. */
    @Override
    public ComponentSpec spec() {
        return parameters.spec();
    }

    @Override
    protected VectorView view() {
        return vectors.view();
    }

    /**
     * Inserts {@code vector} (a checked copy) into the graph; {@link #add} refuses a dimension that
     * differs, a NaN or infinite value ({@link #checkedCopy}) and an id already present.
     */
    @Override
    protected void insert(long id, float[] vector) {
        GraphIndexBuilder builder = insertable();
        int ordinal = vectors.append(id, vector);
        builder.addGraphNode(ordinal, new DefaultSearchScoreProvider(vectors.scores(ordinal)));
        changesSinceCompact++;
    }

    /**
     * Adds {@code vectors.get(i)} under {@code ids[i]} for every i, inserting the nodes into the
     * graph from the threads of {@code pool} at once (JVector's insertion is concurrent): the bulk
     * path for large collections on machines with idle cores. The resulting graph depends on
     * thread timing, so it differs slightly from run to run (recall barely: 0.999 to 1.0 in
     * {@code NeighborGraphIndexTest}). Either all vectors are added or, on a bad argument, none.
     * Searches wait until the whole batch is in.
     *
     * @throws IllegalArgumentException if the lengths differ, a vector has another dimension or a
     *     non-finite value, or an id is repeated or already present
     */
    public void addAll(long[] ids, List<float[]> vectors, ForkJoinPool pool) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(vectors, "vectors");
        Objects.requireNonNull(pool, "pool");
        if (ids.length != vectors.size()) {
            throw new IllegalArgumentException(ids.length + " ids for " + vectors.size() + " vectors");
        }
        float[][] copies = new float[ids.length][];
        Set<Long> batch = new HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            copies[i] = checkedCopy(ids[i], vectors.get(i));
            if (!batch.add(ids[i])) {
                throw new IllegalArgumentException("id " + ids[i] + " appears twice in the batch");
            }
        }
        writeLock().lock();
        try {
            for (long id : ids) {
                if (this.vectors.ordinalOf(id) >= 0) {
                    throw new IllegalArgumentException("id " + id + " is already in the index");
                }
            }
            GraphIndexBuilder builder = insertable();
            int first = this.vectors.rows();
            for (int i = 0; i < ids.length; i++) {
                this.vectors.append(ids[i], copies[i]);
            }
            int end = this.vectors.rows();
            changesSinceCompact += end - first;
            pool.submit(() -> IntStream.range(first, end).parallel()
                    .forEach(ordinal -> builder.addGraphNode(ordinal,
                            new DefaultSearchScoreProvider(this.vectors.scores(ordinal))))).join();
            if (!jvectorSearch) {
                compacted(); // a bulk load is followed by searches: let JVector's graph go now
            }
        } finally {
            writeLock().unlock();
        }
    }

    /** A copy of {@code vector} after checking its dimension and values. */
    @Override
    protected float[] checkedCopy(long id, float[] vector) {
        Index.requireDimension(vector, dimension(), "vector");
        float[] copy = vector.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!Float.isFinite(copy[i])) {
                throw new IllegalArgumentException("vector for id " + id + " has a non-finite value " + copy[i]
                        + " at " + i);
            }
        }
        return copy;
    }

    @Override
    protected boolean delete(long id) {
        int ordinal = vectors.remove(id);
        if (ordinal < 0) {
            return false;
        }
        GraphIndexBuilder builder = graph;
        if (builder != null) {
            builder.markNodeDeleted(ordinal); // the compact copy needs no change: searches skip removed rows
        }
        removedInGraph++;
        int live = vectors.liveCount();
        if (removedInGraph > Math.max(MIN_PURGE, live / 10) || removedInGraph >= live) {
            purgeRemoved();
        }
        return true;
    }

    /** Drops the removed nodes from the graph; write lock held. */
    private void purgeRemoved() {
        if (removedInGraph > 0) {
            mutable().removeDeletedNodes();
            changesSinceCompact += removedInGraph;
            removedInGraph = 0;
        }
    }

    /** {@link #search(float[], int, int)} with the factory's search beam. */
    @Override
    public List<Neighbor> search(float[] query, int k) {
        return search(query, k, parameters.searchBeam());
    }

    /**
     * The approximate {@code k} nearest neighbours: a beam search over the graph that keeps
     * {@code max(k, beam)} candidates, of which the best {@code 2 k} by the walk's scores (which
     * order vectors as the core's distance does, up to float rounding) are then ranked exactly by
     * the index's {@link Similarity} (ties by id). A larger beam raises recall and query time; recall against
     * exact search is measured in {@code NeighborGraphRecallTest}. Returns {@code min(k, size())}
     * neighbours unless the graph is disconnected around the query (not observed in the tests).
     *
     * @throws IllegalArgumentException if {@code k < 1}, {@code beam < 1} or the dimension differs
     */
    public List<Neighbor> search(float[] query, int k, int beam) {
        Index.requireK(k);
        if (beam < 1) {
            throw new IllegalArgumentException("search beam must be at least 1, got " + beam);
        }
        Index.requireDimension(query, dimension(), "query");
        int keep = Math.max(k, beam);
        readLock().lock();
        try {
            if (vectors.liveCount() == 0) {
                return List.of();
            }
            if (jvectorSearch || (compact == null && (long) changesSinceCompact * COMPACT_AFTER < vectors.rows())) {
                float[] graphQuery = query.clone(); // JVector's score function keeps it while the search runs
                var scores = new DefaultSearchScoreProvider(vectors.scores(graphQuery));
                GraphSearcher searcher = searchers.get();
                searcher.setView(graph.getGraph().getView()); // the graph as of now; writers wait for the read lock
                SearchResult result = searcher.search(scores, keep, keep, 0f, 0f, vectors.liveBits());
                SearchResult.NodeScore[] nodes = result.getNodes();
                return ExactRerank.closestRows(vectors.view(), i -> nodes[i].node, nodes.length, similarity(), query, k);
            }
            CompactGraph.Scratch scratch = scratches.get();
            compacted().search(vectors.scorer(query), keep, vectors.allLive(), scratch);
            // the walk's scores order the nodes as the core's distance does, up to rounding: the best
            // 2k of them hold the k closest, and only those are scored again
            int found = scratch.retainBest(2 * k);
            int[] nodes = scratch.results();
            return ExactRerank.closestRows(vectors.view(), i -> nodes[i], found, similarity(), query, k);
        } finally {
            readLock().unlock();
        }
    }

    /** {@inheritDoc} The queries are spread over the worker threads (the caller's fork-join pool, or the common pool). */
    @Override
    public List<List<Neighbor>> searchAll(List<float[]> queries, int k) {
        Index.requireK(k);
        Index.requireDimensions(queries, dimension());
        return searchInParallel(queries, query -> search(query, k));
    }

    /**
     * Purges removed nodes, then writes one checksummed file, {@value GraphFiles#FILE} (format in
     * {@link GraphFiles}): build parameters, metric, ids, vectors and the neighbour lists of every
     * layer. Searches may run during the write; changes wait for it.
     */
    @Override
    public void save(StoreDirectory directory) throws IOException {
        settleThenWrite(this::purgeRemoved, () -> GraphFiles.save(directory, parameters, metric, vectors,
                jvectorSearch ? CompactGraph.of(graph.getGraph(), vectors.rows()) : compacted()));
    }
}
