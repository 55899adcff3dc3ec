package org.cbir.cluster.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.cbir.core.Index;
import org.cbir.core.IndexView;
import org.cbir.core.Neighbor;
import org.cbir.core.ProgressListener;

/**
 * The k nearest neighbours of every stored vector of an {@link Index}, found through the index
 * itself (one batched search per block of nodes), so that building it costs n searches and
 * n x k entries of memory, never an n x n matrix. With an approximate index the graph is
 * approximate in the same way.
 *
 * <p>Nodes are numbered 0..n-1 in the order of the ids given to {@link #build}. Each node lists
 * up to k other nodes, closest first (ties by id, as {@link Neighbor} orders them); a node itself
 * is never among its neighbours, even when a duplicate lies at distance 0. Missing neighbours
 * (an index with fewer than k + 1 vectors) are {@code -1}.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class KnnGraph {
    private static final int BLOCK = 256;

    private final long[] ids;
    private final int k;
    private final int[] neighbors;
    private final float[] distances;

    private KnnGraph(long[] ids, int k, int[] neighbors, float[] distances) {
        this.ids = ids;
        this.k = k;
        this.neighbors = neighbors;
        this.distances = distances;
    }

    /**
     * Searches {@code index} with the stored vector of each id for its k nearest other ids.
     * Blocks of ids are searched in parallel on the common fork-join pool; progress is reported
     * as {@code stage} per block.
     *
     * @throws IllegalArgumentException if {@code k < 1}, an id is repeated or not in the index
     */
    public static KnnGraph build(IndexView index, long[] ids, int k, String stage, ProgressListener progress) {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(progress, "progress");
        Index.requireK(k);
        long[] nodes = ids.clone();
        Map<Long, Integer> nodeOf = nodeNumbers(nodes);
        int n = nodes.length;
        int[] neighbors = new int[n * k];
        float[] distances = new float[n * k];
        Arrays.fill(neighbors, -1);
        Arrays.fill(distances, Float.POSITIVE_INFINITY);
        int blocks = (n + BLOCK - 1) / BLOCK;
        AtomicLong done = new AtomicLong();
        progress.onProgress(stage, 0, n);
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * BLOCK;
            int to = Math.min(n, from + BLOCK);
            List<float[]> queries = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                long id = nodes[i];
                queries.add(index.vector(id).orElseThrow(
                        () -> new IllegalArgumentException("id " + id + " is not in the index")));
            }
            List<List<Neighbor>> results = index.searchAll(queries, k + 1);
            for (int i = from; i < to; i++) {
                int slot = i * k;
                for (Neighbor hit : results.get(i - from)) {
                    Integer other = nodeOf.get(hit.id());
                    if (other == null || other == i || slot == (i + 1) * k) {
                        continue;
                    }
                    neighbors[slot] = other;
                    distances[slot] = (float) hit.distance();
                    slot++;
                }
            }
            progress.onProgress(stage, done.addAndGet(to - from), n);
        });
        return new KnnGraph(nodes, k, neighbors, distances);
    }

    /**
     * A graph from explicit neighbour lists, for tests and for callers that computed them:
     * {@code neighbours[i * k + j]} is node i's j-th neighbour or -1.
     */
    public static KnnGraph of(long[] ids, int k, int[] neighbors, float[] distances) {
        Index.requireK(k);
        if (neighbors.length != ids.length * k || distances.length != ids.length * k) {
            throw new IllegalArgumentException("expected " + ids.length * k + " neighbours and distances, got "
                    + neighbors.length + " and " + distances.length);
        }
        nodeNumbers(ids);
        return new KnnGraph(ids.clone(), k, neighbors.clone(), distances.clone());
    }

    private static Map<Long, Integer> nodeNumbers(long[] ids) {
        Map<Long, Integer> nodeOf = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (nodeOf.put(ids[i], i) != null) {
                throw new IllegalArgumentException("id " + ids[i] + " is given twice");
            }
        }
        return nodeOf;
    }

    /** The number of nodes. */
    public int size() {
        return ids.length;
    }

    /** The neighbours listed per node (some may be -1). */
    public int k() {
        return k;
    }

    /** The index id of a node. */
    public long id(int node) {
        return ids[node];
    }

    /** Node {@code node}'s {@code j}-th nearest neighbour (0 is the closest), or -1 when absent. */
    public int neighbor(int node, int j) {
        return neighbors[node * k + j];
    }

    /** The distance to that neighbour ({@code +Infinity} when absent). */
    public float distance(int node, int j) {
        return distances[node * k + j];
    }
}
