package org.cbir.core.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

class ExactScanIndexTest {
    private static final Similarity COSINE = Similarity.cosine();

    @Test
    void smallIndexReturnsTheNaiveTopK() {
        checkAgainstNaiveLoop(500, 7, 11L);
    }

    @Test
    void largeIndexScannedInParallelBlocksReturnsTheNaiveTopK() {
        checkAgainstNaiveLoop(45_000, 5, 12L);
    }

    private static void checkAgainstNaiveLoop(int n, int dimension, long seed) {
        Random random = new Random(seed);
        Index index = IndexFactory.exact().create(dimension, COSINE);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = random(random, dimension);
            vectors.add(v);
            index.add(1000L + i, v);
        }
        for (int q = 0; q < 5; q++) {
            float[] query = random(random, dimension);
            List<Neighbor> naive = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                naive.add(new Neighbor(1000L + i, COSINE.distance(query, vectors.get(i))));
            }
            naive.sort(Comparator.naturalOrder());
            assertEquals(naive.subList(0, 10), index.search(query, 10));
        }
    }

    @Test
    void vectorReturnsACopyOfTheStoredVectorOrEmpty() {
        Index index = IndexFactory.exact().create(2, COSINE);
        float[] stored = {1, 2};
        index.add(7, stored);
        stored[0] = 99;
        float[] returned = index.vector(7).orElseThrow();
        assertEquals(List.of(1f, 2f), List.of(returned[0], returned[1]));
        returned[1] = 99;
        assertEquals(2f, index.vector(7).orElseThrow()[1]);
        assertTrue(index.vector(8).isEmpty());
        index.remove(7);
        assertTrue(index.vector(7).isEmpty());
    }

    @Test
    void equalDistancesAreOrderedById() {
        Index index = IndexFactory.exact().create(2, COSINE);
        index.add(9, new float[] {1, 0});
        index.add(3, new float[] {2, 0});
        index.add(5, new float[] {0, 1});
        List<Neighbor> hits = index.search(new float[] {1, 0}, 3);
        assertEquals(List.of(3L, 9L, 5L), hits.stream().map(Neighbor::id).toList());
    }

    @Test
    void removeFreesTheIdAndKeepsTheOthersSearchable() {
        Index index = IndexFactory.exact().create(2, COSINE);
        index.add(1, new float[] {1, 0});
        index.add(2, new float[] {0, 1});
        index.add(3, new float[] {1, 1});
        assertTrue(index.remove(1));
        assertFalse(index.remove(1));
        assertFalse(index.contains(1));
        assertEquals(2, index.size());
        assertEquals(3L, index.search(new float[] {1, 0}, 1).get(0).id());
        index.add(1, new float[] {1, 0});
        assertEquals(1L, index.search(new float[] {1, 0}, 1).get(0).id());
    }

    @Test
    void kLargerThanTheIndexReturnsEverything() {
        Index index = IndexFactory.exact().create(2, COSINE);
        index.add(1, new float[] {1, 0});
        assertEquals(1, index.search(new float[] {1, 0}, 10).size());
    }

    @Test
    void badArgumentsAreRefusedWithClearMessages() {
        Index index = IndexFactory.exact().create(3, COSINE);
        index.add(1, new float[] {1, 2, 3});
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                () -> index.add(1, new float[] {1, 2, 3}));
        assertTrue(duplicate.getMessage().contains("id 1"));
        IllegalArgumentException dimension = assertThrows(IllegalArgumentException.class,
                () -> index.add(2, new float[] {1, 2}));
        assertTrue(dimension.getMessage().contains("dimension mismatch"), dimension.getMessage());
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> index.search(new float[] {1, 2, 3}, 0));
        assertTrue(k.getMessage().contains("k must be at least 1"));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {1, 2, 3, 4}, 1));
    }

    @Test
    void storedVectorsAreCopies() {
        Index index = IndexFactory.exact().create(2, COSINE);
        float[] v = {1, 0};
        index.add(1, v);
        v[0] = -1;
        assertEquals(0.0, index.search(new float[] {1, 0}, 1).get(0).distance(), 1e-12);
    }

    private static float[] random(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
