package org.cbir.index.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cbir.core.Index;
import org.cbir.core.Similarity;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.FormatVersionException;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.index.ClusteredVectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save and reload without rebuilding, go on updating; refuse truncated, altered, newer, foreign and inconsistent files. */
class GraphPersistenceTest {
    private static final Similarity COSINE = Similarity.cosine();
    private static final NeighborGraph GRAPH = NeighborGraph.builder().maxDegree(12).beamWidth(40).searchBeam(20).build();
    private static final List<float[]> DATA = ClusteredVectors.generate(2_000, 12, 15, 0.4, 21);

    @TempDir
    Path dir;
    private NeighborGraphIndex index;

    @BeforeEach
    void fill() {
        index = GRAPH.create(12, COSINE);
        for (int i = 0; i < 1_500; i++) {
            index.add(1_000_000L + i, DATA.get(i));
        }
        for (int i = 0; i < 1_500; i += 5) { // 300 removals: one purge, and some left for save to purge
            index.remove(1_000_000L + i);
        }
    }

    @Test
    void reloadedIndexAnswersIdenticallyAndAcceptsUpdates() throws IOException {
        index.save(StoreDirectory.local(dir));
        NeighborGraphIndex loaded = GRAPH.load(StoreDirectory.local(dir), COSINE);
        assertEquals(index.size(), loaded.size());
        assertEquals(GRAPH.spec(), loaded.spec());
        assertEquals(12, loaded.dimension());
        assertFalse(loaded.contains(1_000_000L));
        assertTrue(loaded.contains(1_000_001L));
        assertArrayEquals(DATA.get(1), loaded.vector(1_000_001L).orElseThrow());
        for (int q = 1_500; q < 1_600; q++) {
            assertEquals(index.search(DATA.get(q), 10), loaded.search(DATA.get(q), 10));
            assertEquals(index.search(DATA.get(q), 5, 8), loaded.search(DATA.get(q), 5, 8));
        }
        for (int i = 1_500; i < 2_000; i++) {
            loaded.add(i, DATA.get(i));
        }
        assertTrue(loaded.remove(1_000_001L));
        assertFalse(loaded.contains(1_000_001L));
        for (int i = 1_500; i < 2_000; i += 50) {
            assertEquals(i, loaded.search(DATA.get(i), 1).get(0).id(), "a new vector is its own nearest neighbour");
        }
        StoreDirectory again = StoreDirectory.local(dir.resolve("again"));
        loaded.save(again); // and once more, after the changes
        assertEquals(loaded.size(), GRAPH.load(again, COSINE).size());
    }

    @Test
    void theSearchBeamComesFromTheLoadingFactory() throws IOException {
        index.save(StoreDirectory.local(dir));
        NeighborGraph wider = NeighborGraph.builder().maxDegree(12).beamWidth(40).searchBeam(200).build();
        NeighborGraphIndex loaded = wider.load(StoreDirectory.local(dir), COSINE);
        assertEquals(wider.spec(), loaded.spec());
        assertEquals(index.search(DATA.get(1_700), 10, 200), loaded.search(DATA.get(1_700), 10));
    }

    @Test
    void emptyAndEuclideanIndexesRoundTrip() throws IOException {
        GRAPH.create(3, COSINE).save(StoreDirectory.local(dir));
        Index empty = GRAPH.load(StoreDirectory.local(dir), COSINE);
        assertEquals(0, empty.size());
        empty.add(1, new float[] {1, 2, 3});
        assertEquals(1, empty.search(new float[] {1, 2, 3}, 1).get(0).id());

        Index euclidean = GRAPH.create(12, TestEuclidean.INSTANCE);
        for (int i = 0; i < 500; i++) {
            euclidean.add(i, DATA.get(i));
        }
        StoreDirectory euclideanStore = StoreDirectory.local(dir.resolve("euclidean"));
        euclidean.save(euclideanStore);
        Index loaded = GRAPH.load(euclideanStore, TestEuclidean.INSTANCE);
        assertEquals(euclidean.search(DATA.get(600), 10), loaded.search(DATA.get(600), 10));
    }

    @Test
    void refusesAnIndexSavedWithOtherParametersOrAnotherMetric() throws IOException {
        index.save(StoreDirectory.local(dir));
        NeighborGraph other = NeighborGraph.builder().maxDegree(13).beamWidth(40).build();
        InvalidFileException parameters = assertThrows(InvalidFileException.class, () -> other.load(StoreDirectory.local(dir), COSINE));
        assertTrue(parameters.getMessage().contains("graph.bin") && parameters.getMessage().contains("max-degree=12"),
                parameters.getMessage());
        InvalidFileException metric = assertThrows(InvalidFileException.class,
                () -> GRAPH.load(StoreDirectory.local(dir), TestEuclidean.INSTANCE));
        assertTrue(metric.getMessage().contains("'cosine'") && metric.getMessage().contains("euclidean"),
                metric.getMessage());
    }

    @Test
    void refusesTruncatedFlippedAndNewerFiles() throws IOException {
        index.save(StoreDirectory.local(dir));
        Path file = dir.resolve(GraphFiles.FILE);
        byte[] good = Files.readAllBytes(file);

        Files.write(file, Arrays.copyOf(good, good.length - 100));
        CorruptFileException truncated = assertThrows(CorruptFileException.class, () -> GRAPH.load(StoreDirectory.local(dir), COSINE));
        assertTrue(truncated.getMessage().contains("graph.bin"), truncated.getMessage());

        for (int position : new int[] {30, good.length / 3, good.length - 20}) {
            byte[] flipped = good.clone();
            flipped[position] ^= 0x01;
            Files.write(file, flipped);
            CorruptFileException e = assertThrows(CorruptFileException.class, () -> GRAPH.load(StoreDirectory.local(dir), COSINE));
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        }

        ChecksummedFiles.write(file, GraphFiles.CODEC, GraphFiles.VERSION + 1, out -> out.writeInt(1));
        FormatVersionException version = assertThrows(FormatVersionException.class, () -> GRAPH.load(StoreDirectory.local(dir), COSINE));
        assertEquals(GraphFiles.VERSION + 1, version.found());
    }

    @Test
    void refusesWellFormedFilesWithAnInconsistentGraph() throws IOException {
        // three vectors of dimension 2; one layer
        assertCorrupt("invalid neighbour 3", new int[][] {{1, 2}, {0, 3}, {0}}, 0, new int[] {0, 1, 2});
        assertCorrupt("invalid neighbour 1", new int[][] {{2}, {1}, {0}}, 0, new int[] {0, 1, 2});
        assertCorrupt("twice", new int[][] {{1, 1}, {0}, {0}}, 0, new int[] {0, 1, 2});
        assertCorrupt("layer 0 has 2 nodes", new int[][] {{1}, {0}}, 0, new int[] {0, 1});
        assertCorrupt("repeated node 1", new int[][] {{1}, {0}, {0}}, 0, new int[] {0, 1, 1});
        assertCorrupt("invalid entry node 5", new int[][] {{1}, {0}, {0}}, 5, new int[] {0, 1, 2});
        writeTinyGraph(new int[][] {{1, 2}, {0, 2}, {0, 1}}, 1, new int[] {0, 1, 2});
        assertEquals(3, GRAPH.load(StoreDirectory.local(dir), COSINE).size()); // the same file, consistent, loads
    }

    private void assertCorrupt(String fragment, int[][] neighbors, int entry, int[] nodes) throws IOException {
        writeTinyGraph(neighbors, entry, nodes);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> GRAPH.load(StoreDirectory.local(dir), COSINE));
        assertTrue(e.getMessage().contains(fragment) && e.getMessage().contains("graph.bin"), e.getMessage());
    }

    /** A hand-written file of GRAPH: three vectors of dimension 2, one layer listing {@code nodes}. */
    private void writeTinyGraph(int[][] neighbors, int entry, int[] nodes) throws IOException {
        ChecksummedFiles.write(dir.resolve(GraphFiles.FILE), GraphFiles.CODEC, GraphFiles.VERSION, out -> {
            writeTinyHeader(out);
            out.writeInt(1);
            ChecksummedFiles.writeInts(out, new int[] {12});
            out.writeInt(entry);
            ChecksummedFiles.writeInts(out, nodes);
            for (int i = 0; i < nodes.length; i++) {
                ChecksummedFiles.writeInts(out, neighbors[i]);
            }
        });
    }

    private static void writeTinyHeader(DataOutputStream out) throws IOException {
        ChecksummedFiles.writeString(out, "cosine");
        out.writeInt(2);
        out.writeInt(12);
        out.writeInt(40);
        out.writeFloat(1.2f);
        out.writeFloat(1.2f);
        out.writeInt(1);
        out.writeInt(3);
        ChecksummedFiles.writeLongs(out, new long[] {7, 8, 9});
        ChecksummedFiles.writeFloats(out, new float[] {1, 0, 0, 1, 1, 1});
    }
}
