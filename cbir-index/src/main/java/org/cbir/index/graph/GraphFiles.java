package org.cbir.index.graph;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.cbir.core.internal.index.VectorFiles;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;

/**
 * The file of a saved {@link NeighborGraphIndex}: {@value #FILE}, codec {@value #CODEC}, version 1,
 * with this body (see {@link ChecksummedFiles} for header, footer and array encodings):
 * <pre>
 * metric:string  dimension:int32 maxDegree:int32 beamWidth:int32 alpha:float32 neighborOverflow:float32
 * hierarchy:int32 (0 or 1)
 * count:int32   ids:longs(count)                      ordinal i holds ids[i]
 * vectors:      ceil(count / 1024) x floats(rows in the block x dimension)   the caller's vectors, row-major
 *               (ids and vectors as core's {@code VectorFiles} writes them for every index)
 * layers:int32  degrees:ints(layers)   entry:int32    the entry node, in the top layer; -1 when count = 0
 * per layer:    nodes:ints(size)  then, per node in that order, neighbours:ints(n)
 * </pre>
 * Ordinals are dense (removed nodes are purged and the rest renumbered on save); layer 0 holds
 * every node, each higher layer a subset of the one below. The graph is stored as adjacency lists
 * of ordinals, without JVector's scores, and loaded, checked, as the {@link CompactGraph} that
 * searches read; loading rebuilds no edge and computes no score (JVector's mutable graph is made
 * from the compact one when the loaded index changes: {@link GraphStreamReader}). The search beam
 * is not stored: it is a query-time setting of the loading factory. Static and stateless.
 */
final class GraphFiles {
    static final String FILE = "graph.bin";
    static final String CODEC = "cbir.graph";
    static final int VERSION = 1;

    private GraphFiles() {
    }

    /** Writes the index; the caller has purged removed nodes and holds the read lock. */
    static void save(StoreDirectory directory, NeighborGraph parameters, GraphMetric metric, GraphVectors vectors,
            CompactGraph graph) throws IOException {
        int bound = vectors.rows();
        int[] renumbered = new int[bound];
        int count = 0;
        for (int ordinal = 0; ordinal < bound; ordinal++) {
            renumbered[ordinal] = vectors.isLive(ordinal) ? count++ : -1;
        }
        int live = count;
        ChecksummedFiles.write(directory, FILE, CODEC, VERSION, out -> {
            ChecksummedFiles.writeString(out, metric.type());
            out.writeInt(vectors.dimension());
            out.writeInt(parameters.maxDegree());
            out.writeInt(parameters.beamWidth());
            out.writeFloat(parameters.alpha());
            out.writeFloat(parameters.neighborOverflow());
            out.writeInt(parameters.hierarchy() ? 1 : 0);
            out.writeInt(live);
            VectorFiles.writeIdsAndVectors(out, vectors.view()); // the live ordinals in order: renumbered
            writeGraph(out, graph, renumbered, live);
        });
    }

    private static void writeGraph(DataOutputStream out, CompactGraph graph, int[] renumbered, int live)
            throws IOException {
        if (live > 0 && graph.entry() < 0) {
            throw new IllegalStateException("the graph of " + live + " vectors has no entry node");
        }
        int layers = live == 0 ? 1 : graph.layers();
        out.writeInt(layers);
        int[] degrees = new int[layers];
        for (int level = 0; level < layers; level++) {
            degrees[level] = graph.degree(level);
        }
        ChecksummedFiles.writeInts(out, degrees);
        out.writeInt(live == 0 ? -1 : renumber(renumbered, graph.entry()));
        for (int level = 0; level < layers; level++) {
            int[] nodes = live == 0 ? new int[0] : graph.nodes(level);
            if (level == 0 && nodes.length != live) {
                throw new IllegalStateException("the graph holds " + nodes.length + " nodes for " + live + " vectors");
            }
            int[] renamed = new int[nodes.length];
            for (int i = 0; i < nodes.length; i++) {
                renamed[i] = renumber(renumbered, nodes[i]);
            }
            ChecksummedFiles.writeInts(out, renamed);
            for (int node : nodes) {
                int[] list = graph.neighbors(level, node);
                for (int i = 0; i < list.length; i++) {
                    list[i] = renumber(renumbered, list[i]);
                }
                ChecksummedFiles.writeInts(out, list);
            }
        }
    }

    private static int renumber(int[] renumbered, int ordinal) {
        int live = ordinal >= 0 && ordinal < renumbered.length ? renumbered[ordinal] : -1;
        if (live < 0) {
            throw new IllegalStateException("the graph links to the removed or unknown node " + ordinal);
        }
        return live;
    }

    static NeighborGraphIndex load(NeighborGraph parameters, StoreDirectory directory, Similarity similarity, GraphMetric metric)
            throws IOException {
        Path file = directory.location(FILE);
        return ChecksummedFiles.read(directory, FILE, CODEC, VERSION, VERSION, (in, version) -> {
            String savedMetric = ChecksummedFiles.readString(in);
            int dimension = in.readInt();
            int maxDegree = in.readInt();
            int beamWidth = in.readInt();
            float alpha = in.readFloat();
            float overflow = in.readFloat();
            int hierarchy = in.readInt();
            if (dimension < 1 || (hierarchy != 0 && hierarchy != 1)) {
                throw ChecksummedFiles.corrupt(in, "invalid dimension " + dimension + " or hierarchy flag " + hierarchy);
            }
            ComponentSpec saved = ComponentSpec.of(NeighborGraph.TYPE, NeighborGraph.MAX_DEGREE, maxDegree,
                    NeighborGraph.BEAM_WIDTH, beamWidth, NeighborGraph.ALPHA, alpha, NeighborGraph.NEIGHBOR_OVERFLOW, overflow,
                    NeighborGraph.HIERARCHY, hierarchy == 1);
            if (!saved.equals(parameters.buildSpec())) {
                throw new InvalidFileException(file, "holds a graph built as " + saved + ", which the factory "
                        + parameters.spec() + " cannot load");
            }
            if (!metric.type().equals(savedMetric)) {
                throw new InvalidFileException(file, "holds a graph built for the similarity '" + savedMetric
                        + "', which cannot be searched with " + similarity.spec());
            }
            int count = in.readInt();
            if (count < 0) {
                throw ChecksummedFiles.corrupt(in, "negative vector count " + count);
            }
            GraphVectors vectors = new GraphVectors(dimension, metric.normalises());
            VectorFiles.readIdsAndVectors(in, count, dimension, vectors.view(), (id, block, offset) -> {
                float[] vector = Arrays.copyOfRange(block, offset, offset + dimension);
                vectors.append(id, vector);
            });
            CompactGraph graph = readGraph(in, count, hierarchy == 1);
            return new NeighborGraphIndex(parameters, dimension, similarity, metric, vectors, graph);
        });
    }

    /**
     * The graph section as a {@link CompactGraph} over {@code count} ordinals, checked: layer count
     * and degrees in range, the entry node in the top layer, every layer a set of distinct nodes of
     * the layer below (layer 0: all of them), every neighbour a distinct other node of the same
     * layer; a violation is a corrupt file.
     */
    private static CompactGraph readGraph(DataInputStream in, int count, boolean hierarchy) throws IOException {
        int layers = in.readInt();
        if (layers < 1 || layers > (hierarchy ? GraphStreamReader.MAX_LAYERS : 1)) {
            throw ChecksummedFiles.corrupt(in, "invalid layer count " + layers
                    + (hierarchy ? "" : " for a graph without hierarchy"));
        }
        int[] degrees = ChecksummedFiles.readInts(in);
        if (degrees.length != layers) {
            throw ChecksummedFiles.corrupt(in, degrees.length + " degrees for " + layers + " layers");
        }
        for (int degree : degrees) {
            if (degree < 1 || degree > GraphStreamReader.MAX_DEGREE) {
                throw ChecksummedFiles.corrupt(in, "invalid layer degree " + degree);
            }
        }
        int entry = in.readInt();
        if (count == 0 ? entry != -1 : entry < 0 || entry >= count) {
            throw ChecksummedFiles.corrupt(in, "invalid entry node " + entry + " for " + count + " vectors");
        }
        int[][] nodes = new int[layers][];
        int[][][] lists = new int[layers][][];
        int[] seenAt = new int[count];
        Arrays.fill(seenAt, -1);
        int tick = 0;
        BitSet below = null;
        for (int layer = 0; layer < layers; layer++) {
            int[] layerNodes = ChecksummedFiles.readInts(in);
            BitSet members = new BitSet(count);
            for (int node : layerNodes) {
                if (node < 0 || node >= count || members.get(node) || (below != null && !below.get(node))) {
                    throw ChecksummedFiles.corrupt(in, "layer " + layer + " lists an invalid or repeated node " + node);
                }
                members.set(node);
            }
            if (layer == 0 && layerNodes.length != count) {
                throw ChecksummedFiles.corrupt(in, "layer 0 has " + layerNodes.length + " nodes for " + count + " vectors");
            }
            if (layer == layers - 1 && count > 0 && !members.get(entry)) {
                throw ChecksummedFiles.corrupt(in, "the entry node " + entry + " is not in the top layer " + layer);
            }
            int[][] layerLists = new int[layerNodes.length][];
            for (int i = 0; i < layerNodes.length; i++) {
                int node = layerNodes[i];
                int[] neighbors = ChecksummedFiles.readInts(in);
                if (neighbors.length > GraphStreamReader.MAX_DEGREE) {
                    throw ChecksummedFiles.corrupt(in, "node " + node + " has " + neighbors.length
                            + " neighbours in layer " + layer);
                }
                for (int neighbor : neighbors) {
                    if (neighbor == node || neighbor < 0 || neighbor >= count || !members.get(neighbor)) {
                        throw ChecksummedFiles.corrupt(in, "node " + node + " has an invalid neighbour " + neighbor
                                + " in layer " + layer);
                    }
                    if (seenAt[neighbor] == tick) {
                        throw ChecksummedFiles.corrupt(in, "node " + node + " lists neighbour " + neighbor
                                + " twice in layer " + layer);
                    }
                    seenAt[neighbor] = tick;
                }
                tick++;
                layerLists[i] = neighbors;
            }
            nodes[layer] = layerNodes;
            lists[layer] = layerLists;
            below = members;
        }
        return new CompactGraph(count, entry, degrees, nodes, lists);
    }
}
