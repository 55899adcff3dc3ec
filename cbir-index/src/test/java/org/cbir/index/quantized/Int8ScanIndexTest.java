package org.cbir.index.quantized;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.LongPredicate;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.RecordFilter;
import org.cbir.core.Similarity;
import org.cbir.index.ClusteredVectors;
import org.junit.jupiter.api.Test;

/**
 * The int8 scan against the float exact scan ({@link Indexes#exact()}) as the reference: recall@10
 * with the default re-ranking on clustered data, exact distances, the tie rule, updates, filters,
 * re-learning of the ranges, and bad input. Seeded.
 */
class Int8ScanIndexTest {
    static final Similarity EUCLIDEAN = org.cbir.index.graph.TestEuclidean.INSTANCE;

    @Test
    void recallAtTenAgainstTheFloatScanIsAtLeast099WithTheDefaultRerank() {
        for (Similarity similarity : new Similarity[] {Similarity.cosine(), EUCLIDEAN}) {
            for (int dimension : new int[] {16, 128}) {
                int n = dimension == 16 ? 10_000 : 5_000;
                List<float[]> data = ClusteredVectors.generate(n + 200, dimension, 100, 0.3, 11 + dimension);
                Index exact = IndexFactory.exact().create(dimension, similarity);
                Int8ScanIndex int8 = Int8Scan.withDefaults().create(dimension, similarity);
                for (int i = 0; i < n; i++) {
                    exact.add(i, data.get(i));
                    int8.add(i, data.get(i));
                }
                assertTrue(int8.quantized());
                List<float[]> queries = data.subList(n, n + 200);
                double recall = recall(exact.searchAll(queries, 10), int8.searchAll(queries, 10));
                assertTrue(recall >= 0.99, similarity.spec() + ", d " + dimension + ": recall@10 " + recall);
                // one query at a time gives what the batch gives
                assertEquals(int8.searchAll(queries.subList(0, 20), 10).get(7), int8.search(queries.get(7), 10));
            }
        }
    }

    @Test
    void returnedDistancesAreTheSimilaritysAndSortedByDistanceThenId() {
        List<float[]> data = ClusteredVectors.generate(3_000, 24, 20, 0.5, 3);
        Int8ScanIndex index = Int8Scan.rerank(2).create(24, Similarity.cosine());
        for (int i = 0; i < 2_000; i++) {
            index.add(i, data.get(i));
        }
        // duplicates of stored vectors under higher ids: equal distances, ranked by id
        for (int i = 0; i < 50; i++) {
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
                float[] stored = index.vector(n.id()).orElseThrow();
                assertEquals(Similarity.cosine().distance(query, stored), n.distance(), 0.0);
                if (i > 0) {
                    assertTrue(result.get(i - 1).compareTo(n) < 0, result.toString());
                }
            }
        }
    }

    @Test
    void belowTheLearningSizeTheScanIsExact() {
        List<float[]> data = ClusteredVectors.generate(600, 8, 5, 0.4, 5);
        Index exact = IndexFactory.exact().create(8, EUCLIDEAN);
        Int8ScanIndex int8 = Int8Scan.withDefaults().create(8, EUCLIDEAN);
        for (int i = 0; i < 500; i++) {
            exact.add(i, data.get(i));
            int8.add(i, data.get(i));
        }
        assertFalse(int8.quantized());
        List<float[]> queries = data.subList(500, 600);
        assertEquals(exact.searchAll(queries, 7), int8.searchAll(queries, 7));
        assertEquals(exact.search(queries.get(0), 1_000), int8.search(queries.get(0), 1_000));
    }

    @Test
    void additionsAndRemovalsMatchTheFloatScan() {
        Random random = new Random(17);
        List<float[]> data = ClusteredVectors.generate(6_000, 20, 30, 0.4, 19);
        Index exact = IndexFactory.exact().create(20, Similarity.cosine());
        Int8ScanIndex int8 = Int8Scan.withDefaults().create(20, Similarity.cosine());
        List<Long> present = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long id = random.nextLong(); // not in insertion order, so the hash slots are exercised
            exact.add(id, data.get(i));
            int8.add(id, data.get(i));
            present.add(id);
            if (i % 3 == 2) { // remove a random earlier one: the last row moves into its place
                long gone = present.remove(random.nextInt(present.size()));
                assertTrue(int8.remove(gone));
                assertTrue(exact.remove(gone));
                assertFalse(int8.remove(gone));
                assertFalse(int8.contains(gone));
            }
        }
        assertEquals(exact.size(), int8.size());
        for (long id : present) {
            assertTrue(int8.contains(id));
            assertArrayEquals(exact.vector(id).orElseThrow(), int8.vector(id).orElseThrow());
        }
        float[] copy = int8.vector(present.get(0)).orElseThrow();
        copy[0] = 1e9f; // the returned vector is the caller's
        assertArrayEquals(exact.vector(present.get(0)).orElseThrow(), int8.vector(present.get(0)).orElseThrow());
        List<float[]> queries = data.subList(5_000, 5_200);
        assertTrue(recall(exact.searchAll(queries, 10), int8.searchAll(queries, 10)) >= 0.99);
        assertThrows(IllegalArgumentException.class, () -> int8.add(present.get(1), data.get(0)));
        // remove everything, then add again
        for (long id : present) {
            assertTrue(int8.remove(id));
        }
        assertEquals(0, int8.size());
        assertEquals(List.of(), int8.search(queries.get(0), 3));
        int8.add(4, data.get(4));
        assertEquals(List.of(new Neighbor(4, 0.0)), int8.search(data.get(4), 3).subList(0, 1));
    }

    /**
     * Integer vectors whose ranges are exactly -127..127 code themselves (centre 0, scale 1), and
     * with small integer queries the kernel's float sums are exact, so even rerank 1 must return
     * the exact neighbours: a code written to or read from a wrong place in the code arrays would
     * show. At d = 600 an array of codes holds 1,024 rows (64 store chunks of 16), and 2,600 rows
     * with removals, which move the last row into the freed one, cross those arrays both ways.
     */
    @Test
    void selfCodingVectorsAcrossCodeArraysGiveTheExactNeighboursWithRerankOne() {
        int d = 600;
        Random random = new Random(29);
        Index exact = IndexFactory.exact().create(d, EUCLIDEAN);
        Int8ScanIndex int8 = Int8Scan.rerank(1).create(d, EUCLIDEAN);
        List<Long> present = new ArrayList<>();
        for (int i = 0; i < 2_600; i++) {
            float[] v = new float[d];
            for (int j = 0; j < d; j++) {
                v[j] = i == 0 ? -127 : i == 1 ? 127 : random.nextInt(255) - 127;
            }
            exact.add(i, v);
            int8.add(i, v);
            present.add((long) i);
            if (i > 1_100 && i % 4 == 0) {
                long gone = present.remove(2 + random.nextInt(present.size() - 2));
                assertTrue(int8.remove(gone));
                assertTrue(exact.remove(gone));
            }
        }
        assertTrue(int8.quantized());
        for (int q = 0; q < 30; q++) {
            float[] query = new float[d];
            for (int j = 0; j < d; j++) {
                query[j] = random.nextInt(41) - 20;
            }
            List<Neighbor> expected = exact.search(query, 5);
            List<Neighbor> found = int8.search(query, 5);
            assertEquals(expected.stream().map(Neighbor::distance).toList(),
                    found.stream().map(Neighbor::distance).toList(), "query " + q);
        }
        // and a batch (four queries per pass) gives what single queries give
        List<float[]> batch = new ArrayList<>();
        for (int q = 0; q < 9; q++) {
            float[] query = new float[d];
            for (int j = 0; j < d; j++) {
                query[j] = random.nextInt(41) - 20;
            }
            batch.add(query);
        }
        List<List<Neighbor>> all = int8.searchAll(batch, 5);
        for (int q = 0; q < batch.size(); q++) {
            assertEquals(exact.search(batch.get(q), 5).stream().map(Neighbor::distance).toList(),
                    all.get(q).stream().map(Neighbor::distance).toList(), "batch query " + q);
        }
    }

    @Test
    void filteredSearchReturnsTheBestAcceptedVectors() {
        List<float[]> data = ClusteredVectors.generate(5_100, 16, 40, 0.4, 23);
        Index exact = IndexFactory.exact().create(16, EUCLIDEAN);
        Int8ScanIndex int8 = Int8Scan.withDefaults().create(16, EUCLIDEAN);
        for (int i = 0; i < 5_000; i++) {
            exact.add(i, data.get(i));
            int8.add(i, data.get(i));
        }
        LongPredicate everySeventh = id -> id % 7 == 0;
        Index.Filter filter = new Index.Filter(RecordFilter.label("x"), everySeventh);
        List<List<Neighbor>> truth = new ArrayList<>();
        List<List<Neighbor>> found = new ArrayList<>();
        for (float[] query : data.subList(5_000, 5_100)) {
            truth.add(exact.search(query, 10, filter));
            List<Neighbor> result = int8.search(query, 10, filter);
            assertTrue(result.stream().allMatch(n -> n.id() % 7 == 0));
            found.add(result);
        }
        assertTrue(recall(truth, found) >= 0.99);
    }

    @Test
    void rangesAreLearnedAgainWhenTheIndexHasGrownEightfold() {
        Random random = new Random(29);
        int d = 12;
        Index exact = IndexFactory.exact().create(d, EUCLIDEAN);
        Int8ScanIndex int8 = Int8Scan.withDefaults().create(d, EUCLIDEAN);
        int id = 0;
        for (; id < Int8ScanIndex.LEARN_ROWS; id++) { // the first ranges: [0, 1)
            float[] v = uniform(random, d, 1);
            exact.add(id, v);
            int8.add(id, v);
        }
        for (; id < Int8ScanIndex.LEARN_ROWS * Int8ScanIndex.RELEARN_GROWTH; id++) { // then [0, 100)
            float[] v = uniform(random, d, 100);
            exact.add(id, v);
            int8.add(id, v);
        }
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 100; q++) {
            queries.add(uniform(random, d, 100));
        }
        // clamped to [0, 1) the large vectors would be indistinguishable; learned again, they are not
        assertTrue(recall(exact.searchAll(queries, 10), int8.searchAll(queries, 10)) >= 0.99);
    }

    @Test
    void zeroQueriesAndZeroVectorsFollowTheSimilarity() {
        List<float[]> data = ClusteredVectors.generate(2_000, 10, 10, 0.4, 31);
        Index exact = IndexFactory.exact().create(10, Similarity.cosine());
        Int8ScanIndex int8 = Int8Scan.withDefaults().create(10, Similarity.cosine());
        for (int i = 0; i < 2_000; i++) {
            float[] v = i % 100 == 0 ? new float[10] : data.get(i);
            exact.add(i, v);
            int8.add(i, v);
        }
        assertEquals(exact.search(new float[10], 25), int8.search(new float[10], 25));
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        Int8ScanIndex index = Int8Scan.withDefaults().create(4, Similarity.cosine());
        index.add(1, new float[] {1, 2, 3, 4});
        IllegalArgumentException dimension = assertThrows(IllegalArgumentException.class,
                () -> index.add(2, new float[3]));
        assertTrue(dimension.getMessage().contains("dimension"), dimension.getMessage());
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[5], 1));
        assertThrows(IllegalArgumentException.class, () -> index.searchAll(List.of(new float[4], new float[2]), 1));
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> index.search(new float[4], 0));
        assertTrue(k.getMessage().contains("k must be at least 1"), k.getMessage());
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                () -> index.add(1, new float[4]));
        assertTrue(duplicate.getMessage().contains("id 1"), duplicate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Int8Scan.withDefaults().create(0, Similarity.cosine()));
        assertThrows(IllegalArgumentException.class, () -> Int8Scan.rerank(0));
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
                () -> Int8Scan.withDefaults().create(4, chiSquare));
        assertTrue(metric.getMessage().contains("chi-square") && metric.getMessage().contains("cosine and Euclidean kinds"),
                metric.getMessage());
    }

    @Test
    void theSpecRoundTrips() {
        Int8Scan factory = Int8Scan.rerank(7);
        assertEquals(ComponentSpec.of("exact-int8", "rerank", 7), factory.spec());
        assertEquals(factory, Int8Scan.fromSpec(factory.spec()));
        assertEquals(Int8Scan.DEFAULT_RERANK, Int8Scan.withDefaults().rerank());
        assertThrows(IllegalArgumentException.class, () -> Int8Scan.fromSpec(ComponentSpec.of("exact")));
        assertEquals(factory.spec(), factory.create(3, EUCLIDEAN).spec());
    }

    static double recall(List<List<Neighbor>> truth, List<List<Neighbor>> results) {
        long hits = 0;
        long total = 0;
        for (int q = 0; q < truth.size(); q++) {
            Set<Long> expected = new HashSet<>();
            truth.get(q).forEach(n -> expected.add(n.id()));
            hits += results.get(q).stream().filter(n -> expected.contains(n.id())).count();
            total += truth.get(q).size();
        }
        return (double) hits / total;
    }

    private static float[] uniform(Random random, int d, float range) {
        float[] v = new float[d];
        for (int j = 0; j < d; j++) {
            v[j] = random.nextFloat() * range;
        }
        return v;
    }
}
