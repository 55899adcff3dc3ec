package org.cbir.index.graph;

import io.github.jbellis.jvector.disk.RandomAccessReader;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.similarity.ScoreFunction;
import java.nio.ByteBuffer;

/**
 * Feeds a {@link CompactGraph} to JVector's {@code GraphIndexBuilder.load}, which expects its own
 * on-heap graph format (version 4: magic, version, layer count, degrees, entry node, then per
 * layer its size and per node {@code node, count, (neighbour:int32 score:float32)*}): how the
 * index gets a mutable JVector graph back from the compact one when nodes are added or purged.
 * The compact graph holds no scores: JVector recomputes them from the vectors, and this reader
 * orders each list by that same score (highest first), as JVector requires, and hands it a score
 * of 0 that it ignores. The compact graph was checked when it was built ({@link GraphFiles}
 * checks a saved one), so this reader checks only that JVector reads the format as expected.
 *
 * <p>Sequential {@link #readInt} and {@link #readFloat} only; one use, not thread-safe.
 */
final class GraphStreamReader implements RandomAccessReader {
    /** A sanity bound far above real hierarchies, which have about {@code log(n) / log(maxDegree)} layers. */
    static final int MAX_LAYERS = 64;
    static final int MAX_DEGREE = 4096;
    private static final int JVECTOR_FORMAT = 4;

    private final CompactGraph graph;
    private final GraphVectors vectors;

    private int[] pending = new int[0];
    private int next;
    /** Ints of {@code pending} from this index on are neighbours, each followed by a score. */
    private int neighboursFrom = Integer.MAX_VALUE;
    private boolean scoreDue;

    private boolean headerDone;
    private int layer = -1;
    private int[] layerNodes = new int[0];
    private int nodeInLayer;

    GraphStreamReader(CompactGraph graph, GraphVectors vectors) {
        this.graph = graph;
        this.vectors = vectors;
    }

    @Override
    public int readInt() {
        if (scoreDue) {
            throw new IllegalStateException("JVector read a node where the format has a score");
        }
        if (next == pending.length) {
            refill();
        }
        int position = next++;
        scoreDue = position >= neighboursFrom;
        return pending[position];
    }

    @Override
    public float readFloat() {
        if (!scoreDue) {
            throw new IllegalStateException("JVector read a score where the format has none");
        }
        scoreDue = false;
        return 0f;
    }

    /** Checks, once JVector has finished, that it read the whole graph. */
    void requireFinished() {
        if (!headerDone || layer != graph.layers() - 1 || nodeInLayer != layerNodes.length || next != pending.length) {
            throw new IllegalStateException("JVector did not read the graph to its end (layer " + layer + " of "
                    + graph.layers() + ")");
        }
    }

    private void refill() {
        if (!headerDone) {
            writeHeader();
        } else if (nodeInLayer == layerNodes.length) {
            nextLayer();
        } else {
            writeNode(layerNodes[nodeInLayer++]);
        }
    }

    private void writeHeader() {
        int layers = graph.layers();
        pending = new int[4 + layers];
        pending[0] = OnHeapGraphIndex.MAGIC;
        pending[1] = JVECTOR_FORMAT;
        pending[2] = layers;
        for (int level = 0; level < layers; level++) {
            pending[3 + level] = graph.degree(level);
        }
        pending[3 + layers] = graph.entry();
        emit(pending.length);
        headerDone = true;
    }

    private void nextLayer() {
        if (layer + 1 >= graph.layers()) {
            throw new IllegalStateException("JVector read past the last layer");
        }
        layer++;
        layerNodes = graph.nodes(layer);
        nodeInLayer = 0;
        pending = new int[] {layerNodes.length};
        emit(1);
    }

    private void writeNode(int node) {
        int[] neighbors = graph.neighbors(layer, node);
        float[] scores = new float[neighbors.length];
        ScoreFunction.ExactScoreFunction toNode = vectors.scores(node);
        for (int i = 0; i < neighbors.length; i++) {
            scores[i] = toNode.similarityTo(neighbors[i]);
        }
        sortByScore(neighbors, scores);
        pending = new int[2 + neighbors.length];
        pending[0] = node;
        pending[1] = neighbors.length;
        System.arraycopy(neighbors, 0, pending, 2, neighbors.length);
        emit(2);
    }

    /** Starts serving {@code pending}; ints from {@code neighboursStart} on are neighbours. */
    private void emit(int neighboursStart) {
        next = 0;
        neighboursFrom = neighboursStart;
    }

    /** Insertion sort, highest score first, equal scores by ascending node (lists are short). */
    private static void sortByScore(int[] nodes, float[] scores) {
        for (int i = 1; i < nodes.length; i++) {
            int node = nodes[i];
            float score = scores[i];
            int j = i - 1;
            while (j >= 0 && (scores[j] < score || (scores[j] == score && nodes[j] > node))) {
                nodes[j + 1] = nodes[j];
                scores[j + 1] = scores[j];
                j--;
            }
            nodes[j + 1] = node;
            scores[j + 1] = score;
        }
    }

    @Override
    public void seek(long offset) {
        throw unsupported();
    }

    @Override
    public long getPosition() {
        throw unsupported();
    }

    @Override
    public long readLong() {
        throw unsupported();
    }

    @Override
    public void readFully(byte[] bytes) {
        throw unsupported();
    }

    @Override
    public void readFully(ByteBuffer buffer) {
        throw unsupported();
    }

    @Override
    public void readFully(long[] values) {
        throw unsupported();
    }

    @Override
    public void read(int[] ints, int offset, int count) {
        throw unsupported();
    }

    @Override
    public void read(float[] floats, int offset, int count) {
        throw unsupported();
    }

    @Override
    public long length() {
        throw unsupported();
    }

    /** Does nothing: nothing is open. */
    @Override
    public void close() {
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("the graph is read sequentially, as ints and scores only");
    }
}
