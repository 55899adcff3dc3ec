package org.cbir.index.quantized;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongPredicate;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.RecordFilter;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;
import org.cbir.index.ClusteredVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binary scan: its codes and Hamming distances against hand-worked examples, recall@10 against
 * the float exact scan (a brute force) at several re-rank depths, exact distances and the tie
 * rule, removals, filters, the centres learned again, zero queries, save and reload, bad input.
 * Seeded.
 */
class BinaryScanIndexTest {
    private static final Logger LOG = LoggerFactory.getLogger(BinaryScanIndexTest.class);
    static final Similarity EUCLIDEAN = org.cbir.index.graph.TestEuclidean.INSTANCE;

    @TempDir
    Path dir;

    @Test
    void codesAndHammingDistancesMatchHandWorkedExamples() {
        // centres 0.5 in every dimension: bit j is 1 where value j > 0.5
        float[] centres = new float[70];
        java.util.Arrays.fill(centres, 0.5f);
        float[] a = new float[70];
        float[] b = new float[70];
        a[0] = 1; // bit 0 of word 0
        a[3] = 1; // bit 3
        a[63] = 1; // bit 63: the sign bit of word 0
        a[64] = 1; // bit 0 of word 1
        a[69] = 1; // bit 5 of word 1, the last dimension
        a[5] = 0.5f; // equal to the centre: 0
        a[6] = Float.NaN; // NaN: 0
        b[3] = 1;
        b[10] = 1;
        b[69] = 1;
        long[] codeA = new long[3];
        long[] codeB = new long[3];
        codeA[2] = -1; // left alone: the codes are written at the offset
        BinaryScanIndex.encode(a, centres, codeA, 0);
        BinaryScanIndex.encode(b, centres, codeB, 1);
        assertEquals(1L | 1L << 3 | 1L << 63, codeA[0]);
        assertEquals(1L | 1L << 5, codeA[1]);
        assertEquals(-1L, codeA[2]);
        assertEquals(1L << 3 | 1L << 10, codeB[1]);
        assertEquals(1L << 5, codeB[2]);
        // a and b differ in dimensions 0, 10, 63 and 64: distance 4
        long[] query = {codeA[0], codeA[1]};
        int[] distances = new int[2];
        HammingDistances.of(query, new long[] {-1, codeA[0], codeA[1], codeB[1], codeB[2]}, 1, 2, distances);
        assertArrayEquals(new int[] {0, 4}, distances);
        HammingDistances.of(new long[] {0}, new long[] {-1}, 0, 1, distances);
        assertEquals(64, distances[0]);
        HammingDistances.of(new long[] {0b1011, 0}, new long[] {0b0001, 0b101}, 0, 1, distances);
        assertEquals(4, distances[0]); // 2 + 2 bits
    }

    @Test
    void recallAtTenAgainstTheFloatScanGrowsWithTheRerankDepth() {
        int dimension = 256;
        int n = 20_000;
        List<float[]> data = ClusteredVectors.generate(n + 100, dimension, 200, 0.3, 7);
        List<float[]> queries = data.subList(n, n + 100);
        int[] depths = java.util.stream.IntStream.of(1, 5, 10, 50, BinaryScan.DEFAULT_RERANK).distinct().sorted()
                .toArray();
        for (Similarity similarity : new Similarity[] {Similarity.cosine(), EUCLIDEAN}) {
            Index exact = IndexFactory.exact().create(dimension, similarity);
            for (int i = 0; i < n; i++) {
                exact.add(i, data.get(i));
            }
            List<List<Neighbor>> truth = exact.searchAll(queries, 10);
            double previous = 0;
            StringBuilder report = new StringBuilder();
            for (int depth : depths) {
                BinaryScanIndex binary = BinaryScan.rerank(depth).create(dimension, similarity);
                for (int i = 0; i < n; i++) {
                    binary.add(i, data.get(i));
                }
                assertTrue(binary.quantized());
                double recall = Int8ScanIndexTest.recall(truth, binary.searchAll(queries, 10));
                report.append(" rerank ").append(depth).append(": ").append(recall);
                assertTrue(recall >= previous - 0.02, similarity.spec().toString() + report);
                previous = recall;
                if (depth == BinaryScan.DEFAULT_RERANK) {
                    assertTrue(recall >= 0.99, similarity.spec().toString() + report);
                    assertEquals(binary.searchAll(queries.subList(0, 10), 10).get(3), binary.search(queries.get(3), 10));
                }
            }
            assertTrue(previous >= 0.99, similarity.spec().toString() + report);
            LOG.info("binary scan recall@10, {} x {}, {}:{}", n, dimension, similarity.spec(), report);
        }
    }

    @Test
    void returnedDistancesAreTheSimilaritysAndSortedByDistanceThenId() {
        List<float[]> data = ClusteredVectors.generate(3_000, 128, 20, 0.5, 3);
        BinaryScanIndex index = BinaryScan.withDefaults().create(128, Similarity.cosine());
        for (int i = 0; i < 2_000; i++) {
            index.add(i, data.get(i));
        }
        for (int i = 0; i < 50; i++) { // duplicates under higher ids: equal distances, ranked by id
            index.add(10_000 + i, data.get(i).clone());
        }
        for (int q = 0; q < 50; q++) {
            float[] query = data.get(q);
            List<Neighbor> result = index.search(query, 8);
            assertEquals(8, result.size());
            assertEquals(q, result.get(0).id());
            assertEquals(10_000 + q, result.get(1).id());
            for (int i = 0; i < result.size(); i++) {
                Neighbor n = result.get(i);
                assertEquals(Similarity.cosine().distance(query, index.vector(n.id()).orElseThrow()), n.distance(), 0.0);
                if (i > 0) {
                    assertTrue(result.get(i - 1).compareTo(n) < 0, result.toString());
                }
            }
        }
    }

    @Test
    void belowTheLearningSizeTheScanIsExact() {
        List<float[]> data = ClusteredVectors.generate(600, 64, 5, 0.4, 5);
        Index exact = IndexFactory.exact().create(64, EUCLIDEAN);
        BinaryScanIndex binary = BinaryScan.withDefaults().create(64, EUCLIDEAN);
        for (int i = 0; i < 500; i++) {
            exact.add(i, data.get(i));
            binary.add(i, data.get(i));
        }
        assertFalse(binary.quantized());
        List<float[]> queries = data.subList(500, 600);
        assertEquals(exact.searchAll(queries, 7), binary.searchAll(queries, 7));
    }

    @Test
    void additionsRemovalsAndFiltersMatchTheFloatScan() {
        Random random = new Random(17);
        int d = 130; // three code words, the last partly used
        List<float[]> data = ClusteredVectors.generate(6_200, d, 30, 0.3, 19);
        Index exact = IndexFactory.exact().create(d, Similarity.cosine());
        BinaryScanIndex binary = BinaryScan.withDefaults().create(d, Similarity.cosine());
        List<Long> present = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            long id = random.nextLong();
            exact.add(id, data.get(i));
            binary.add(id, data.get(i));
            present.add(id);
            if (i % 3 == 2) { // remove a random earlier one: the last row moves into its place
                long gone = present.remove(random.nextInt(present.size()));
                assertTrue(binary.remove(gone));
                assertTrue(exact.remove(gone));
                assertFalse(binary.remove(gone));
            }
        }
        assertEquals(exact.size(), binary.size());
        for (long id : present) {
            assertArrayEquals(exact.vector(id).orElseThrow(), binary.vector(id).orElseThrow());
        }
        List<float[]> queries = data.subList(6_000, 6_200);
        assertTrue(Int8ScanIndexTest.recall(exact.searchAll(queries, 10), binary.searchAll(queries, 10)) >= 0.99);
        LongPredicate even = id -> (id & 1) == 0;
        Index.Filter filter = new Index.Filter(RecordFilter.label("x"), even);
        List<List<Neighbor>> truth = new ArrayList<>();
        List<List<Neighbor>> found = new ArrayList<>();
        for (float[] query : queries) {
            truth.add(exact.search(query, 10, filter));
            List<Neighbor> result = binary.search(query, 10, filter);
            assertTrue(result.stream().allMatch(n -> (n.id() & 1) == 0));
            found.add(result);
        }
        assertTrue(Int8ScanIndexTest.recall(truth, found) >= 0.99);
        for (long id : present) {
            assertTrue(binary.remove(id));
        }
        assertEquals(List.of(), binary.search(queries.get(0), 3));
    }

    @Test
    void centresAreLearnedAgainWhenTheIndexHasGrownEightfold() {
        int d = 128;
        int n = BinaryScanIndex.LEARN_ROWS * BinaryScanIndex.RELEARN_GROWTH;
        List<float[]> data = ClusteredVectors.generate(n + 100, d, 50, 0.3, 29);
        Index exact = IndexFactory.exact().create(d, EUCLIDEAN);
        BinaryScanIndex binary = BinaryScan.withDefaults().create(d, EUCLIDEAN);
        for (int id = 0; id < n + 100; id++) {
            float[] v = data.get(id).clone();
            if (id < BinaryScanIndex.LEARN_ROWS) { // the first 1,024 moved 4 away, the rest around the clusters
                for (int j = 0; j < d; j++) {
                    v[j] += 4;
                }
            }
            if (id < n) {
                exact.add(id, v);
                binary.add(id, v);
            } else {
                data.set(id, v);
            }
        }
        List<float[]> queries = data.subList(n, n + 100);
        // with the first centres (about 4) every later vector would have the code of all zeros, and
        // the candidates would be any 200 of the 8,192 (measured: recall 0.03); learned again (about
        // 0.5), the bits tell the clusters apart
        double recall = Int8ScanIndexTest.recall(exact.searchAll(queries, 10), binary.searchAll(queries, 10));
        assertTrue(recall >= 0.9, "recall@10 " + recall);
    }

    @Test
    void zeroQueriesFollowTheSimilarity() {
        List<float[]> data = ClusteredVectors.generate(2_000, 64, 10, 0.4, 31);
        Index exact = IndexFactory.exact().create(64, Similarity.cosine());
        BinaryScanIndex binary = BinaryScan.withDefaults().create(64, Similarity.cosine());
        for (int i = 0; i < 2_000; i++) {
            float[] v = i % 100 == 0 ? new float[64] : data.get(i);
            exact.add(i, v);
            binary.add(i, v);
        }
        assertEquals(exact.search(new float[64], 25), binary.search(new float[64], 25));
    }

    @Test
    void aReloadedIndexAnswersIdenticallyAndRefusesAnotherSimilarity() throws IOException {
        List<float[]> data = ClusteredVectors.generate(3_200, 96, 15, 0.4, 41);
        for (Similarity similarity : List.of(Similarity.cosine(), EUCLIDEAN)) {
            for (int count : new int[] {700, 3_000}) { // before and after the centres are learned
                BinaryScanIndex index = BinaryScan.withDefaults().create(96, similarity);
                for (int i = 0; i < count; i++) {
                    index.add(1_000_000L + i, data.get(i));
                }
                index.remove(1_000_000L);
                Path target = Files.createDirectories(dir.resolve(similarity.spec().type() + count));
                index.save(StoreDirectory.local(target));
                BinaryScanIndex loaded = BinaryScan.withDefaults().load(StoreDirectory.local(target), similarity);
                assertEquals(index.size(), loaded.size());
                assertEquals(index.quantized(), loaded.quantized());
                List<float[]> queries = data.subList(3_000, 3_200);
                assertEquals(index.searchAll(queries, 10), loaded.searchAll(queries, 10));
                loaded.add(5, data.get(3_100));
                assertEquals(5, loaded.search(data.get(3_100), 1).get(0).id());
                Similarity other = similarity == EUCLIDEAN ? Similarity.cosine() : EUCLIDEAN;
                Exception wrong = assertThrows(org.cbir.core.io.InvalidFileException.class,
                        () -> BinaryScan.withDefaults().load(StoreDirectory.local(target), other));
                assertTrue(wrong.getMessage().contains(similarity.spec().type()), wrong.getMessage());
            }
        }
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        BinaryScanIndex index = BinaryScan.withDefaults().create(4, Similarity.cosine());
        index.add(1, new float[] {1, 2, 3, 4});
        assertThrows(IllegalArgumentException.class, () -> index.add(2, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[5], 1));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[4], 0));
        assertThrows(IllegalArgumentException.class, () -> BinaryScan.withDefaults().create(0, Similarity.cosine()));
        IllegalArgumentException rerank = assertThrows(IllegalArgumentException.class, () -> BinaryScan.rerank(0));
        assertTrue(rerank.getMessage().contains("rerank"), rerank.getMessage());
        Similarity chiSquare = new Similarity() {
            @Override
            public ComponentSpec spec() {
                return ComponentSpec.of("chi-square");
            }

            @Override
            public double distance(float[] a, float[] b) {
                return 0;
            }
        };
        IllegalArgumentException metric = assertThrows(IllegalArgumentException.class,
                () -> BinaryScan.withDefaults().create(4, chiSquare));
        assertTrue(metric.getMessage().contains("chi-square") && metric.getMessage().contains("exact-binary"),
                metric.getMessage());
    }

    @Test
    void theSpecRoundTrips() {
        BinaryScan factory = BinaryScan.rerank(7);
        assertEquals(ComponentSpec.of("exact-binary", "rerank", 7), factory.spec());
        assertEquals(factory, BinaryScan.fromSpec(factory.spec()));
        assertThrows(IllegalArgumentException.class, () -> BinaryScan.fromSpec(ComponentSpec.of("exact-int8", "rerank", 4)));
        assertEquals(factory.spec(), factory.create(3, EUCLIDEAN).spec());
        assertEquals(8, factory.create(64, EUCLIDEAN).codeBytes());
        assertEquals(16, factory.create(65, EUCLIDEAN).codeBytes());
    }

    private static float[] gaussian(Random random, int d, float centre) {
        float[] v = new float[d];
        for (int j = 0; j < d; j++) {
            v[j] = centre + (float) random.nextGaussian();
        }
        return v;
    }
}
