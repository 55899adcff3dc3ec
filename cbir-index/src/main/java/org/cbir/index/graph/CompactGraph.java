package org.cbir.index.graph;

import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.NodesIterator;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The graph as the searches read it: every layer's neighbour lists as rows of a fixed width in
 * flat {@code int} arrays (unused slots -1), without JVector's per-edge scores, overflow room or
 * per-node objects. The base layer's row of ordinal {@code o} starts at {@code o x width} in
 * chunks of a power-of-two number of rows (at most about 4M ints a chunk); each upper layer
 * lists its nodes in ascending order, found by binary search, with their rows in the same order.
 * Row widths are the longest list of each layer (JVector's lists may exceed the degree by its
 * overflow factor between prunings; the copy keeps every edge). Built from JVector's graph
 * ({@link #of}) or from a saved file ({@link GraphFiles}); searched by {@link #search}, which
 * does what JVector's {@code GraphSearcher} does (greedy descent through the upper layers, then a
 * beam search of the base layer from every node scored on the way down, which walks through
 * removed nodes but returns live ones only) and scores the same nodes, on primitive heaps and
 * an epoch-stamped visited array that each thread reuses ({@link Scratch}).
 *
 * <p>Immutable and thread-safe; each searching thread brings its own {@link Scratch}.
 */
final class CompactGraph {
    private static final int CHUNK_INTS = 1 << 22;

    private final int bound;
    private final int entry;
    private final int[] degrees;
    private final BitSet inBase;
    private final int baseSize;
    private final int baseWidth;
    private final int chunkBits;
    private final int chunkMask;
    private final int[][] baseChunks;
    /** Layer {@code l >= 1} at index {@code l - 1}: sorted nodes, their rows, the row width. */
    private final int[][] upperNodes;
    private final int[][] upperRows;
    private final int[] upperWidths;

    /**
     * A graph of ordinals below {@code bound} from its lists: {@code nodes[l]} the nodes of layer
     * {@code l} (any order; layer 0 may be sparse), {@code lists[l][i]} the neighbours of
     * {@code nodes[l][i]}; the caller has checked them. {@code entry} is -1 for an empty graph.
     */
    CompactGraph(int bound, int entry, int[] degrees, int[][] nodes, int[][][] lists) {
        this.bound = bound;
        this.entry = entry;
        this.degrees = degrees.clone();
        int layers = nodes.length;
        this.inBase = new BitSet(bound);
        int width = 1;
        for (int[] list : lists[0]) {
            width = Math.max(width, list.length);
        }
        this.baseWidth = width;
        this.baseSize = nodes[0].length;
        int rowsPerChunk = Integer.highestOneBit(Math.max(1, CHUNK_INTS / width));
        this.chunkBits = Integer.numberOfTrailingZeros(rowsPerChunk);
        this.chunkMask = rowsPerChunk - 1;
        int chunkCount = (bound + rowsPerChunk - 1) / rowsPerChunk;
        this.baseChunks = new int[chunkCount][];
        for (int c = 0; c < chunkCount; c++) {
            int rows = Math.min(rowsPerChunk, bound - c * rowsPerChunk);
            baseChunks[c] = new int[rows * width];
            Arrays.fill(baseChunks[c], -1);
        }
        for (int i = 0; i < nodes[0].length; i++) {
            int node = nodes[0][i];
            inBase.set(node);
            System.arraycopy(lists[0][i], 0, baseChunks[node >>> chunkBits], (node & chunkMask) * width,
                    lists[0][i].length);
        }
        this.upperNodes = new int[layers - 1][];
        this.upperRows = new int[layers - 1][];
        this.upperWidths = new int[layers - 1];
        for (int level = 1; level < layers; level++) {
            int[] layerNodes = nodes[level];
            Integer[] order = new Integer[layerNodes.length];
            int w = 1;
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                w = Math.max(w, lists[level][i].length);
            }
            Arrays.sort(order, (a, b) -> Integer.compare(layerNodes[a], layerNodes[b]));
            int[] sorted = new int[order.length];
            int[] rows = new int[order.length * w];
            Arrays.fill(rows, -1);
            for (int i = 0; i < order.length; i++) {
                sorted[i] = layerNodes[order[i]];
                int[] list = lists[level][order[i]];
                System.arraycopy(list, 0, rows, i * w, list.length);
            }
            upperNodes[level - 1] = sorted;
            upperRows[level - 1] = rows;
            upperWidths[level - 1] = w;
        }
    }

    /** A compact copy of JVector's {@code graph} over ordinals below {@code bound}; no change may run meanwhile. */
    static CompactGraph of(ImmutableGraphIndex graph, int bound) {
        try (ImmutableGraphIndex.View view = graph.getView()) {
            ImmutableGraphIndex.NodeAtLevel top = graph.size(0) == 0 ? null : view.entryNode();
            int layers = top == null ? 1 : top.level + 1;
            int[] degrees = new int[layers];
            int[][] nodes = new int[layers][];
            int[][][] lists = new int[layers][][];
            for (int level = 0; level < layers; level++) {
                degrees[level] = graph.getDegree(level);
                int size = top == null ? 0 : graph.size(level);
                nodes[level] = new int[size];
                lists[level] = new int[size][];
                NodesIterator it = graph.getNodes(level);
                for (int i = 0; i < size; i++) {
                    int node = it.nextInt();
                    nodes[level][i] = node;
                    NodesIterator neighbors = view.getNeighborsIterator(level, node);
                    int[] list = new int[neighbors.size()];
                    for (int j = 0; j < list.length; j++) {
                        list[j] = neighbors.nextInt();
                    }
                    lists[level][i] = list;
                }
            }
            return new CompactGraph(bound, top == null ? -1 : top.node, degrees, nodes, lists);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // closing an on-heap view does no I/O
        }
    }

    /** The ordinal bound: every node is below it. */
    int bound() {
        return bound;
    }

    /** Layers, at least 1 (layer 0 holds every node). */
    int layers() {
        return upperNodes.length + 1;
    }

    /** JVector's degree of {@code level}, as saved. */
    int degree(int level) {
        return degrees[level];
    }

    /** The entry node, in the top layer; -1 when the graph is empty. */
    int entry() {
        return entry;
    }

    /** Nodes in {@code level}. */
    int size(int level) {
        return level == 0 ? baseSize : upperNodes[level - 1].length;
    }

    /** The nodes of {@code level} in ascending order (a new array). */
    int[] nodes(int level) {
        if (level > 0) {
            return upperNodes[level - 1].clone();
        }
        int[] nodes = new int[baseSize];
        for (int node = inBase.nextSetBit(0), i = 0; node >= 0; node = inBase.nextSetBit(node + 1)) {
            nodes[i++] = node;
        }
        return nodes;
    }

    /** Whether {@code node} is in the graph. */
    boolean contains(int node) {
        return node >= 0 && node < bound && inBase.get(node);
    }

    /** The neighbours of {@code node} in {@code level}, a node of that layer, in the saved order (a new array). */
    int[] neighbors(int level, int node) {
        int[] rows;
        int start;
        int width;
        if (level == 0) {
            rows = baseChunks[node >>> chunkBits];
            width = baseWidth;
            start = (node & chunkMask) * width;
        } else {
            int i = Arrays.binarySearch(upperNodes[level - 1], node);
            if (i < 0) {
                throw new IllegalArgumentException("node " + node + " is not in layer " + level);
            }
            rows = upperRows[level - 1];
            width = upperWidths[level - 1];
            start = i * width;
        }
        int count = 0;
        while (count < width && rows[start + count] >= 0) {
            count++;
        }
        return Arrays.copyOfRange(rows, start, start + count);
    }

    /** Bytes of the neighbour rows and node lists, for logging. */
    long bytes() {
        long total = (long) bound * baseWidth * Integer.BYTES + bound / 8;
        for (int l = 0; l < upperNodes.length; l++) {
            total += (long) (upperNodes[l].length + upperRows[l].length) * Integer.BYTES;
        }
        return total;
    }

    /** The base layer's row width. */
    int baseWidth() {
        return baseWidth;
    }

    /**
     * The {@code keep} best live nodes for {@code scorer}'s query (fewer when the walk reaches
     * fewer), in {@code scratch.results()}, their count returned; {@code allLive} skips the
     * liveness test. The walk, as JVector's {@code GraphSearcher} walks: from the entry node,
     * greedily to the best-scoring neighbour in each upper layer until none is better, then a
     * beam search of the base layer, which expands the best unexpanded candidate until it scores
     * below the worst of {@code keep} kept results, walking through removed nodes without
     * returning them. Every node scored on the way down is a candidate (and a result) of the
     * base layer, not only the one the descent ends at, and none is scored twice: entering the
     * base layer from that one node alone lowered recall at 100,000 x 512 (0.905 against
     * JVector's 0.926 on the same graph at beam 80) while scoring about 30 nodes a query more.
     */
    int search(GraphVectors.Scorer scorer, int keep, boolean allLive, Scratch scratch) {
        if (entry < 0) {
            return 0;
        }
        byte[] visited = scratch.visited(bound);
        byte epoch = scratch.epoch;
        scratch.reset(keep);
        int scored = descend(scorer, visited, epoch, scratch);
        float worst = scratch.admitSeeds(scored, allLive, scorer);
        int width = baseWidth;
        int[][] chunks = baseChunks;
        while (scratch.candidates > 0) {
            if (scratch.candidateScores[0] < worst) {
                break;
            }
            int node = scratch.popCandidate();
            int[] rows = chunks[node >>> chunkBits];
            for (int j = (node & chunkMask) * width, end = j + width; j < end; j++) {
                int neighbor = rows[j];
                if (neighbor < 0) {
                    break;
                }
                if (visited[neighbor] == epoch) {
                    continue;
                }
                visited[neighbor] = epoch;
                float score = scorer.score(neighbor);
                scored++;
                if (score > worst) {
                    scratch.pushCandidate(neighbor, score);
                    if (allLive || scorer.isLive(neighbor)) {
                        scratch.offerResult(neighbor, score);
                        if (scratch.results == keep) {
                            worst = scratch.resultScores[0];
                        }
                    }
                }
            }
        }
        scratch.scored = scored;
        return scratch.results;
    }

    /**
     * The greedy descent from the entry node through the upper layers: every node it scores,
     * marked visited, into {@code scratch}'s seeds in the order scored (the entry first); returns
     * their count. A node met again is skipped: it scored no better than the current node.
     */
    private int descend(GraphVectors.Scorer scorer, byte[] visited, byte epoch, Scratch scratch) {
        int current = entry;
        float currentScore = scorer.score(current);
        visited[current] = epoch;
        int seeds = scratch.seed(0, current, currentScore);
        for (int level = upperNodes.length; level >= 1; level--) {
            int[] layerNodes = upperNodes[level - 1];
            int[] rows = upperRows[level - 1];
            int width = upperWidths[level - 1];
            boolean moved = true;
            while (moved) {
                moved = false;
                int start = Arrays.binarySearch(layerNodes, current) * width;
                for (int j = start, end = start + width; j < end; j++) {
                    int neighbor = rows[j];
                    if (neighbor < 0) {
                        break;
                    }
                    if (visited[neighbor] == epoch) {
                        continue;
                    }
                    visited[neighbor] = epoch;
                    float score = scorer.score(neighbor);
                    seeds = scratch.seed(seeds, neighbor, score);
                    if (score > currentScore) {
                        currentScore = score;
                        current = neighbor;
                        moved = true;
                    }
                }
            }
        }
        return seeds;
    }

    /**
     * One thread's search buffers, reused from query to query: the visited marks (one byte per
     * ordinal, stamped with the query's epoch, cleared once every 255 queries), the candidates
     * (a max-heap of scores) and the kept results (a min-heap of at most {@code keep} scores).
     * Not thread-safe.
     */
    static final class Scratch {
        private byte[] visited = new byte[0];
        private byte epoch;
        private int[] candidateNodes = new int[64];
        private float[] candidateScores = new float[64];
        private int candidates;
        private int[] resultNodes = new int[16];
        private float[] resultScores = new float[16];
        private int results;
        private int resultCapacity;
        /** The nodes the descent scored and their scores, in the order scored. */
        private int[] seedNodes = new int[64];
        private float[] seedScores = new float[64];
        private int scored;

        /** The nodes the last search scored, each once (the entry node included): its cost, for tests. */
        int scored() {
            return scored;
        }

        /** The kept nodes of the last search, in heap order: {@code results()[0 .. count)}. */
        int[] results() {
            return resultNodes;
        }

        /**
         * Drops the worst kept results until at most {@code count} remain; returns how many
         * remain. The survivors stay in {@link #results()}{@code [0 .. count)}.
         */
        int retainBest(int count) {
            while (results > count) {
                int size = --results;
                int node = resultNodes[size];
                float score = resultScores[size];
                int i = 0;
                while (true) {
                    int child = 2 * i + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && resultScores[child + 1] < resultScores[child]) {
                        child++;
                    }
                    if (resultScores[child] >= score) {
                        break;
                    }
                    resultNodes[i] = resultNodes[child];
                    resultScores[i] = resultScores[child];
                    i = child;
                }
                resultNodes[i] = node;
                resultScores[i] = score;
            }
            return results;
        }

        private byte[] visited(int bound) {
            if (visited.length < bound) {
                visited = new byte[Math.max(bound, visited.length + (visited.length >> 3))];
                epoch = 0;
            }
            if (++epoch == 0) { // wrapped after 255 queries: clear the marks
                Arrays.fill(visited, (byte) 0);
                epoch = 1;
            }
            return visited;
        }

        private void reset(int keep) {
            candidates = 0;
            results = 0;
            resultCapacity = keep;
            if (resultNodes.length < keep) {
                resultNodes = new int[keep];
                resultScores = new float[keep];
            }
        }

        private void pushCandidate(int node, float score) {
            if (candidates == candidateNodes.length) {
                candidateNodes = Arrays.copyOf(candidateNodes, candidates * 2);
                candidateScores = Arrays.copyOf(candidateScores, candidates * 2);
            }
            int i = candidates++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (candidateScores[parent] >= score) {
                    break;
                }
                candidateNodes[i] = candidateNodes[parent];
                candidateScores[i] = candidateScores[parent];
                i = parent;
            }
            candidateNodes[i] = node;
            candidateScores[i] = score;
        }

        /**
         * Makes the first {@code seeds} seeds candidates, and the live ones results, in order, as
         * the base layer's walk admits a newly scored node; returns the worst kept score once
         * {@code keep} are kept, else negative infinity.
         */
        private float admitSeeds(int seeds, boolean allLive, GraphVectors.Scorer scorer) {
            float worst = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < seeds; i++) {
                int node = seedNodes[i];
                float score = seedScores[i];
                if (score > worst) {
                    pushCandidate(node, score);
                    if (allLive || scorer.isLive(node)) {
                        offerResult(node, score);
                        if (results == resultCapacity) {
                            worst = resultScores[0];
                        }
                    }
                }
            }
            return worst;
        }

        /** Stores seed {@code at}; returns {@code at + 1}. */
        private int seed(int at, int node, float score) {
            if (at == seedNodes.length) {
                seedNodes = Arrays.copyOf(seedNodes, at * 2);
                seedScores = Arrays.copyOf(seedScores, at * 2);
            }
            seedNodes[at] = node;
            seedScores[at] = score;
            return at + 1;
        }

        /** Removes and returns the best candidate. */
        private int popCandidate() {
            int top = candidateNodes[0];
            int size = --candidates;
            if (size > 0) {
                int node = candidateNodes[size];
                float score = candidateScores[size];
                int i = 0;
                while (true) {
                    int child = 2 * i + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && candidateScores[child + 1] > candidateScores[child]) {
                        child++;
                    }
                    if (candidateScores[child] <= score) {
                        break;
                    }
                    candidateNodes[i] = candidateNodes[child];
                    candidateScores[i] = candidateScores[child];
                    i = child;
                }
                candidateNodes[i] = node;
                candidateScores[i] = score;
            }
            return top;
        }

        /** Keeps {@code node} if fewer than this search's {@code keep} are kept or it beats the worst kept. */
        private void offerResult(int node, float score) {
            int keep = resultCapacity;
            if (results < keep) {
                int i = results++;
                while (i > 0) {
                    int parent = (i - 1) >>> 1;
                    if (resultScores[parent] <= score) {
                        break;
                    }
                    resultNodes[i] = resultNodes[parent];
                    resultScores[i] = resultScores[parent];
                    i = parent;
                }
                resultNodes[i] = node;
                resultScores[i] = score;
            } else if (score > resultScores[0]) {
                int i = 0;
                while (true) {
                    int child = 2 * i + 1;
                    if (child >= keep) {
                        break;
                    }
                    if (child + 1 < keep && resultScores[child + 1] < resultScores[child]) {
                        child++;
                    }
                    if (resultScores[child] >= score) {
                        break;
                    }
                    resultNodes[i] = resultNodes[child];
                    resultScores[i] = resultScores[child];
                    i = child;
                }
                resultNodes[i] = node;
                resultScores[i] = score;
            }
        }

    }
}
