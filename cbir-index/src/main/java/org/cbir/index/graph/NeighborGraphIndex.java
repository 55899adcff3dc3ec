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

/**
 * A graph index on JVector (see {@link NeighborGraph} for the algorithm and its parameters). Each
 * {@code long} id is mapped to a JVector {@code int} ordinal in the order of {@link #add}.
 *
 * <p><b>Updates.</b> {@link #add} inserts the node into the graph at once (JVector's
 * {@code GraphIndexBuilder.addGraphNode}), so the graph is never rebuilt. {@link #remove} marks
 * the node deleted: searches skip it at once but still walk through it; when more than
 * {@code max(256, size / 10)} removed nodes have accumulated, or at least as many as live ones
 * (so that new nodes still find live neighbours), and before every save, they are
 * purged from the graph (JVector's {@code removeDeletedNodes}, which links the neighbours of a
 * removed node to each other, FreshDiskANN's rule) and their graph vectors are released (the
 * caller's vector stays a dead row of the shared store until the index is saved and loaded again).
 * Ordinals of removed nodes are not reused; saving renumbers the live ones densely.
 *
 * <p><b>Memory</b> per vector, roughly: {@code 4 d} bytes for the vector and 13 to 15.5 for its id
 * in core's shared {@code VectorStore}, which the graph reads in place (with the inverse norm of
 * each vector under cosine, 4 bytes: {@code GraphVectors}), and the graph's neighbour lists, about
 * {@code 8 x maxDegree x 1.2} bytes in the base layer (node and score per edge, with overflow room)
 * plus a few percent for the upper layers. Measured heap per vector: see the "Approximate indexes"
 * section of BENCHMARKS.md and its issue 20 rows.
 *
 * <p>Thread-safe: searches share a read lock and run in parallel; additions, removals and purges
 * take the write lock, one at a time, so {@link #add} inserts from one thread at a time;
 * {@link #addAll} inserts a batch from many threads. Each searching thread keeps
 * a JVector searcher with its scratch buffers (a few kilobytes) for as long as the index lives.
 */
public final class NeighborGraphIndex extends GuardedIndex {
    private static final int MIN_PURGE = 256;

    private final NeighborGraph parameters;
    private final GraphMetric metric;
    private final GraphVectors vectors;
    private final GraphIndexBuilder graph;
    private int removedInGraph;
    /** One reusable searcher per thread (it keeps its scratch buffers between queries). */
    private final ThreadLocal<GraphSearcher> searchers;

    /** An empty index over {@code vectors}, or one whose graph {@link GraphFiles} loads next. */
    @SuppressWarnings("deprecation") // JVector 4.0.2's only constructors that set hierarchy and refinement explicitly
    NeighborGraphIndex(NeighborGraph parameters, int dimension, Similarity similarity, GraphMetric metric,
            GraphVectors vectors) {
        super(dimension, similarity);
        this.parameters = parameters;
        this.metric = metric;
        this.vectors = vectors;
        this.graph = new GraphIndexBuilder(new GraphScores(vectors), dimension, parameters.maxDegree(),
                parameters.beamWidth(), parameters.neighborOverflow(), parameters.alpha(), parameters.hierarchy(),
                true);
        this.searchers = ThreadLocal.withInitial(() -> new GraphSearcher(graph.getGraph()));
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
        int ordinal = vectors.append(id, vector);
        graph.addGraphNode(ordinal, new DefaultSearchScoreProvider(vectors.scores(ordinal)));
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
            int first = this.vectors.rows();
            for (int i = 0; i < ids.length; i++) {
                this.vectors.append(ids[i], copies[i]);
            }
            int end = this.vectors.rows();
            pool.submit(() -> IntStream.range(first, end).parallel()
                    .forEach(ordinal -> graph.addGraphNode(ordinal,
                            new DefaultSearchScoreProvider(this.vectors.scores(ordinal))))).join();
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
        graph.markNodeDeleted(ordinal);
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
            graph.removeDeletedNodes();
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
     * {@code max(k, beam)} candidates, which are then ranked exactly by the index's
     * {@link Similarity} (ties by id). A larger beam raises recall and query time; recall against
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
        float[] graphQuery = query.clone(); // the score function keeps it while the search runs
        int keep = Math.max(k, beam);
        readLock().lock();
        try {
            if (vectors.liveCount() == 0) {
                return List.of();
            }
            var scores = new DefaultSearchScoreProvider(vectors.scores(graphQuery));
            GraphSearcher searcher = searchers.get();
            searcher.setView(graph.getGraph().getView()); // the graph as of now; writers wait for the read lock
            SearchResult result = searcher.search(scores, keep, keep, 0f, 0f, vectors.liveBits());
            SearchResult.NodeScore[] nodes = result.getNodes();
            return ExactRerank.closestRows(vectors.view(), i -> nodes[i].node, nodes.length, similarity(), query, k);
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
        settleThenWrite(this::purgeRemoved, () -> GraphFiles.save(directory, parameters, metric, vectors, graph.getGraph()));
    }

    /** The JVector builder, for {@link GraphFiles} to load a graph into; only before the index is shared. */
    GraphIndexBuilder builder() {
        return graph;
    }
}
