package org.cbir.nets.cnn;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.cbir.eval.RankingMetrics;

/**
 * The retrieval MAP that drives {@link CnnTrainer}: every validation signature queries the
 * training signatures by cosine distance (signatures are unit vectors, so by descending dot
 * product, ties by index), and its average precision
 * ({@link RankingMetrics#averagePrecision}, the paper's definition) counts the training images
 * of its class. Stateless and thread-safe.
 */
final class ValidationMap {
    private ValidationMap() {
    }

    /**
     * @param queries unit-length signatures of the validation images
     * @param queryClasses their class indices
     * @param database unit-length signatures of the training images
     * @param databaseClasses their class indices; every query's class appears among them
     */
    static double of(List<float[]> queries, int[] queryClasses, List<float[]> database, int[] databaseClasses) {
        int[] perClass = new int[Arrays.stream(databaseClasses).max().orElse(0) + 1];
        for (int c : databaseClasses) {
            perClass[c]++;
        }
        return IntStream.range(0, queries.size()).parallel().mapToDouble(q -> {
            float[] query = queries.get(q);
            double[] similarity = new double[database.size()];
            for (int d = 0; d < similarity.length; d++) {
                float[] row = database.get(d);
                double dot = 0;
                for (int k = 0; k < row.length; k++) {
                    dot += query[k] * row[k];
                }
                similarity[d] = dot;
            }
            Integer[] order = IntStream.range(0, similarity.length).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.<Integer>comparingDouble(d -> -similarity[d]).thenComparingInt(d -> d));
            boolean[] relevant = new boolean[order.length];
            for (int r = 0; r < order.length; r++) {
                relevant[r] = databaseClasses[order[r]] == queryClasses[q];
            }
            return RankingMetrics.averagePrecision(relevant, perClass[queryClasses[q]]);
        }).average().orElse(Double.NaN);
    }
}
