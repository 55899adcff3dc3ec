package org.cbir.index.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.index.ClusteredVectors;
import org.junit.jupiter.api.Test;

/**
 * The {@link Index} contract of the LSH Forest: updates, merges, removals, and exact results where
 * the budget covers everything.
 */
class LshForestIndexTest {
    private static final Similarity COSINE = Similarity.cosine();

    @Test
    void addContainsRemoveAndSize() {
        Index index = LshForest.builder().build().create(3, COSINE);
        assertEquals(List.of(), index.search(new float[] {1, 0, 0}, 5));
        index.add(7, new float[] {1, 0, 0});
        index.add(-3, new float[] {0, 1, 0});
        assertEquals(2, index.size());
        assertTrue(index.contains(7) && index.contains(-3) && !index.contains(8));
        assertThrows(IllegalArgumentException.class, () -> index.add(7, new float[] {0, 0, 1}));
        assertTrue(index.remove(7));
        assertFalse(index.remove(7));
        assertFalse(index.contains(7));
        assertEquals(1, index.size());
        assertEquals(List.of(new Neighbor(-3, 0.0)), index.search(new float[] {0, 2, 0}, 3));
        index.add(7, new float[] {0, 0, 1}); // an id can come back after removal
        assertEquals(7, index.search(new float[] {0, 0, 1}, 1).get(0).id());
    }

    @Test
    void returnsCopiesOfStoredVectors() {
        LshForestIndex index = LshForest.builder().build().create(2, COSINE);
        index.add(4, new float[] {3, -1});
        float[] stored = index.vector(4).orElseThrow();
        assertArrayEquals(new float[] {3, -1}, stored);
        stored[0] = 0;
        assertArrayEquals(new float[] {3, -1}, index.vector(4).orElseThrow());
        assertTrue(index.vector(5).isEmpty());
        index.remove(4);
        assertTrue(index.vector(4).isEmpty());
    }

    @Test
    void refusesBadArguments() {
        Index index = LshForest.builder().build().create(3, COSINE);
        assertThrows(IllegalArgumentException.class, () -> index.add(1, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[4], 1));
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> index.search(new float[3], 0));
        assertTrue(k.getMessage().contains("k must be at least 1"), k.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LshForest.builder().build().create(0, COSINE));
    }

    @Test
    void theCallersArrayIsCopied() {
        Index index = LshForest.builder().build().create(2, COSINE);
        float[] v = {1, 0};
        index.add(1, v);
        v[0] = -1;
        assertEquals(0.0, index.search(new float[] {1, 0}, 1).get(0).distance(), 1e-12);
    }

    @Test
    void everyStoredVectorFindsItselfFirst() {
        List<float[]> data = ClusteredVectors.generate(3_000, 16, 20, 0.3, 5);
        Index index = LshForest.builder().candidates(5).build().create(16, COSINE);
        for (int i = 0; i < data.size(); i++) {
            index.add(i, data.get(i));
        }
        // its own hash matches in every tree at full depth, so it is always a candidate
        for (int i = 0; i < data.size(); i += 7) {
            Neighbor first = index.search(data.get(i), 3).get(0);
            assertEquals(0.0, first.distance(), 1e-6, "vector " + i);
        }
    }

    /**
     * With a budget of more candidates than vectors and minHashMatch 0, the descent reaches the root and the results
     * must equal exact search: a check of the tails, merges, removals and renumbering.
     */
    @Test
    void matchesExactSearchThroughInsertsRemovalsAndMerges() {
        List<float[]> data = ClusteredVectors.generate(6_000, 8, 10, 0.5, 9);
        Index forest = LshForest.builder().trees(3).candidates(10_000).minHashMatch(0).hashBits(20).seed(3).build()
                .create(8, Similarity.cosine());
        Index exact = IndexFactory.exact().create(8, Similarity.cosine());
        Random random = new Random(17);
        List<Long> present = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            forest.add(i, data.get(i));
            exact.add(i, data.get(i));
            present.add((long) i);
            if (i % 3 == 2) { // remove a random third: crosses the removal threshold several times
                long id = present.remove(random.nextInt(present.size()));
                assertTrue(forest.remove(id));
                assertTrue(exact.remove(id));
            }
            if (i % 997 == 0) {
                assertSameResults(exact, forest, data.get(random.nextInt(data.size())));
            }
        }
        assertEquals(exact.size(), forest.size());
        for (long id : present) {
            assertTrue(forest.contains(id));
        }
        for (int q = 0; q < 30; q++) {
            assertSameResults(exact, forest, data.get(random.nextInt(data.size())));
        }
    }

    @Test
    void smallCollectionsReturnEveryVectorWhenKExceedsTheBudget() {
        Index index = LshForest.builder().trees(2).candidates(1).minHashMatch(32).build().create(4, COSINE);
        List<float[]> data = ClusteredVectors.generate(40, 4, 3, 1.0, 2);
        for (int i = 0; i < data.size(); i++) {
            index.add(i, data.get(i));
        }
        assertEquals(40, index.search(data.get(0), 100).size());
        assertEquals(25, index.search(data.get(0), 25).size());
    }

    @Test
    void searchesRunWhileVectorsAreAdded() throws Exception {
        List<float[]> data = ClusteredVectors.generate(4_000, 16, 10, 0.5, 4);
        Index index = LshForest.builder().build().create(16, COSINE);
        for (int i = 0; i < 1_000; i++) {
            index.add(i, data.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 1_000; i < 4_000; i++) {
                    index.add(i, data.get(i));
                    if (i % 5 == 0) {
                        index.remove(i - 500);
                    }
                }
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int offset = r;
                readers.add(pool.submit(() -> {
                    for (int q = 0; q < 300; q++) {
                        List<Neighbor> result = index.search(data.get((q * 13 + offset) % 1_000), 10);
                        assertEquals(10, result.size());
                    }
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4_000 - 600, index.size());
    }

    private static void assertSameResults(Index exact, Index forest, float[] query) {
        List<Neighbor> expected = exact.search(query, 10);
        List<Neighbor> actual = forest.search(query, 10);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).id(), actual.get(i).id(), "rank " + i);
            assertEquals(expected.get(i).distance(), actual.get(i).distance(), 1e-12, "rank " + i);
        }
    }
}
