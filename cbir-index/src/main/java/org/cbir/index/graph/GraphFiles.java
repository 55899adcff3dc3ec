package org.cbir.index.graph;

import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.NodesIterator;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
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
 * of ordinals, without JVector's scores, and handed to JVector's loader through
 * {@link GraphStreamReader}, which checks its structure; loading rebuilds no edge. The search beam
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
            ImmutableGraphIndex graph) throws IOException {
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

    private static void writeGraph(DataOutputStream out, ImmutableGraphIndex graph, int[] renumbered, int live)
            throws IOException {
        try (ImmutableGraphIndex.View view = graph.getView()) {
            ImmutableGraphIndex.NodeAtLevel entry = live == 0 ? null : view.entryNode();
            if (live > 0 && entry == null) {
                throw new IllegalStateException("the graph of " + live + " vectors has no entry node");
            }
            int layers = entry == null ? 1 : entry.level + 1;
            out.writeInt(layers);
            int[] degrees = new int[layers];
            for (int level = 0; level < layers; level++) {
                degrees[level] = graph.getDegree(level);
            }
            ChecksummedFiles.writeInts(out, degrees);
            out.writeInt(entry == null ? -1 : renumber(renumbered, entry.node));
            for (int level = 0; level < layers; level++) {
                int[] nodes = new int[live == 0 ? 0 : graph.size(level)];
                NodesIterator it = graph.getNodes(level);
                for (int i = 0; i < nodes.length; i++) {
                    nodes[i] = it.nextInt();
                }
                if (level == 0 && nodes.length != live) {
                    throw new IllegalStateException("the graph holds " + nodes.length + " nodes for " + live + " vectors");
                }
                int[] renamed = new int[nodes.length];
                for (int i = 0; i < nodes.length; i++) {
                    renamed[i] = renumber(renumbered, nodes[i]);
                }
                ChecksummedFiles.writeInts(out, renamed);
                for (int node : nodes) {
                    NodesIterator neighbors = view.getNeighborsIterator(level, node);
                    int[] list = new int[neighbors.size()];
                    for (int i = 0; i < list.length; i++) {
                        list[i] = renumber(renumbered, neighbors.nextInt());
                    }
                    ChecksummedFiles.writeInts(out, list);
                }
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

    @SuppressWarnings("deprecation") // GraphIndexBuilder.load: JVector's only public way back to a mutable graph
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
            NeighborGraphIndex index = new NeighborGraphIndex(parameters, dimension, similarity, metric, vectors);
            GraphStreamReader graph = new GraphStreamReader(in, count, hierarchy == 1, vectors);
            index.builder().load(graph);
            graph.requireFinished();
            return index;
        });
    }
}
