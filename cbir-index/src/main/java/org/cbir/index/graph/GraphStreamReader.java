package org.cbir.index.graph;

import io.github.jbellis.jvector.disk.RandomAccessReader;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.similarity.ScoreFunction;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;
import org.cbir.core.internal.io.ChecksummedFiles;

/**
 * Feeds the neighbour lists of a {@value GraphFiles#FILE} body to JVector's
 * {@code GraphIndexBuilder.load}, which expects its own on-heap graph format (version 4: magic,
 * version, layer count, degrees, entry node, then per layer its size and per node
 * {@code node, count, (neighbour:int32 score:float32)*}). The file holds no scores: JVector
 * recomputes them from the vectors, and this reader orders each list by that same score (highest
 * first), as JVector requires, and hands it a score of 0 that it ignores. It reads and checks the
 * file as JVector asks: layer count and degrees in range, the entry node in the top layer, every
 * layer a set of distinct nodes of the layer below (layer 0: all of them), every neighbour a
 * distinct other node of the same layer; a violation is a corrupt file.
 *
 * <p>Sequential {@link #readInt} and {@link #readFloat} only; one use, not thread-safe.
 */
final class GraphStreamReader implements RandomAccessReader {
    /** A sanity bound far above real hierarchies, which have about {@code log(n) / log(maxDegree)} layers. */
    static final int MAX_LAYERS = 64;
    static final int MAX_DEGREE = 4096;
    private static final int JVECTOR_FORMAT = 4;

    private final DataInputStream in;
    private final int count;
    private final boolean hierarchy;
    private final GraphVectors vectors;

    private int[] pending = new int[0];
    private int next;
    /** Ints of {@code pending} from this index on are neighbours, each followed by a score. */
    private int neighboursFrom = Integer.MAX_VALUE;
    private boolean scoreDue;

    private boolean headerDone;
    private int layers;
    private int entry;
    private int layer = -1;
    private int[] layerNodes = new int[0];
    private int nodeInLayer;
    private BitSet members;

    GraphStreamReader(DataInputStream in, int count, boolean hierarchy, GraphVectors vectors) {
        this.in = in;
        this.count = count;
        this.hierarchy = hierarchy;
        this.vectors = vectors;
    }

    @Override
    public int readInt() throws IOException {
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

    /** Checks, once JVector has finished, that it read the whole graph section. */
    void requireFinished() throws IOException {
        if (!headerDone || layer != layers - 1 || nodeInLayer != layerNodes.length || next != pending.length) {
            throw ChecksummedFiles.corrupt(in, "the graph section was not read to its end (layer " + layer
                    + " of " + layers + ")");
        }
    }

    private void refill() throws IOException {
        if (!headerDone) {
            readHeader();
        } else if (nodeInLayer == layerNodes.length) {
            readLayer();
        } else {
            readNode(layerNodes[nodeInLayer++]);
        }
    }

    private void readHeader() throws IOException {
        layers = in.readInt();
        if (layers < 1 || layers > (hierarchy ? MAX_LAYERS : 1)) {
            throw ChecksummedFiles.corrupt(in, "invalid layer count " + layers
                    + (hierarchy ? "" : " for a graph without hierarchy"));
        }
        int[] degrees = ChecksummedFiles.readInts(in);
        if (degrees.length != layers) {
            throw ChecksummedFiles.corrupt(in, degrees.length + " degrees for " + layers + " layers");
        }
        for (int degree : degrees) {
            if (degree < 1 || degree > MAX_DEGREE) {
                throw ChecksummedFiles.corrupt(in, "invalid layer degree " + degree);
            }
        }
        entry = in.readInt();
        if (count == 0 ? entry != -1 : entry < 0 || entry >= count) {
            throw ChecksummedFiles.corrupt(in, "invalid entry node " + entry + " for " + count + " vectors");
        }
        pending = new int[4 + layers];
        pending[0] = OnHeapGraphIndex.MAGIC;
        pending[1] = JVECTOR_FORMAT;
        pending[2] = layers;
        System.arraycopy(degrees, 0, pending, 3, layers);
        pending[3 + layers] = entry;
        emit(pending.length);
        headerDone = true;
    }

    private void readLayer() throws IOException {
        if (layer + 1 >= layers) {
            throw new IllegalStateException("JVector read past the last layer");
        }
        layer++;
        int[] nodes = ChecksummedFiles.readInts(in);
        BitSet below = members;
        BitSet current = new BitSet(count);
        for (int node : nodes) {
            if (node < 0 || node >= count || current.get(node) || (below != null && !below.get(node))) {
                throw ChecksummedFiles.corrupt(in, "layer " + layer + " lists an invalid or repeated node " + node);
            }
            current.set(node);
        }
        if (layer == 0 && nodes.length != count) {
            throw ChecksummedFiles.corrupt(in, "layer 0 has " + nodes.length + " nodes for " + count + " vectors");
        }
        if (layer == layers - 1 && count > 0 && !current.get(entry)) {
            throw ChecksummedFiles.corrupt(in, "the entry node " + entry + " is not in the top layer " + layer);
        }
        members = current;
        layerNodes = nodes;
        nodeInLayer = 0;
        pending = new int[] {nodes.length};
        emit(1);
    }

    private void readNode(int node) throws IOException {
        int[] neighbors = ChecksummedFiles.readInts(in);
        if (neighbors.length > MAX_DEGREE) {
            throw ChecksummedFiles.corrupt(in, "node " + node + " has " + neighbors.length + " neighbours in layer "
                    + layer);
        }
        for (int neighbor : neighbors) {
            if (neighbor == node || neighbor < 0 || neighbor >= count || !members.get(neighbor)) {
                throw ChecksummedFiles.corrupt(in, "node " + node + " has an invalid neighbour " + neighbor
                        + " in layer " + layer);
            }
        }
        float[] scores = new float[neighbors.length];
        ScoreFunction.ExactScoreFunction toNode = vectors.scores(node);
        for (int i = 0; i < neighbors.length; i++) {
            scores[i] = toNode.similarityTo(neighbors[i]);
        }
        sortByScore(neighbors, scores);
        for (int i = 1; i < neighbors.length; i++) {
            if (neighbors[i] == neighbors[i - 1]) {
                throw ChecksummedFiles.corrupt(in, "node " + node + " lists neighbour " + neighbors[i]
                        + " twice in layer " + layer);
            }
        }
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

    /** Does nothing: the stream belongs to the file reader. */
    @Override
    public void close() {
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("the graph file is read sequentially, as ints and scores only");
    }
}
