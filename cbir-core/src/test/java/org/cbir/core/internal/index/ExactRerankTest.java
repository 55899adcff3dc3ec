package org.cbir.core.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

/**
 * {@link ExactRerank} against a brute force written here: every candidate's squared Euclidean
 * distance computed by hand, sorted by distance then id, cut at k; on both of its paths (sort all,
 * bounded heap) and with ties.
 */
class ExactRerankTest {
    private static final Similarity EUCLIDEAN = new Similarity() {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("test-squared-euclidean");
        }

        @Override
        public double distance(float[] a, float[] b) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                double d = a[i] - b[i];
                sum += d * d;
            }
            return sum;
        }
    };

    private static List<Long> bruteForce(VectorStore store, int[] rows, float[] query, int k) {
        List<Long> ids = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        float[] v = new float[store.dimension()];
        for (int row : rows) {
            store.copyRow(row, v, 0);
            double sum = 0;
            for (int j = 0; j < v.length; j++) {
                sum += (double) (query[j] - v[j]) * (query[j] - v[j]);
            }
            ids.add(store.id(row));
            distances.add(sum);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(distances::get).thenComparingLong(ids::get));
        return order.stream().limit(k).map(ids::get).toList();
    }

    @Test
    void keepsTheKClosestCandidatesByDistanceThenIdOnBothPaths() {
        Random random = new Random(7);
        VectorStore store = new VectorStore(4);
        for (int i = 0; i < 300; i++) {
            // few distinct values, so that many candidates tie
            float[] v = {random.nextInt(3), random.nextInt(3), random.nextInt(3), random.nextInt(3)};
            store.append(1000L - 3 * i, v, 0); // ids not in row order
        }
        float[] query = {1, 1, 0, 2};
        int[] rows = random.ints(0, 300).distinct().limit(120).toArray();
        for (int k : new int[] {1, 5, 60, 100, 500}) { // 120 candidates: heap below k = 60, sort from 60 up
            List<Long> got = ExactRerank.closestRows(store, i -> rows[i], rows.length, EUCLIDEAN, query, k).stream()
                    .map(Neighbor::id).toList();
            assertEquals(bruteForce(store, rows, query, k), got, "k = " + k);
        }
    }

    @Test
    void noCandidatesGiveNoNeighbours() {
        VectorStore store = new VectorStore(2);
        assertEquals(List.of(), ExactRerank.closestRows(store, i -> i, 0, EUCLIDEAN, new float[] {0, 0}, 3));
    }
}
