package org.cbir.eval;

import java.util.Objects;

/**
 * The per-query measures of an evaluation, on one ranking. Stateless and thread-safe.
 *
 * <p>Average precision follows the paper (Araujo et al., "Reverse Image Search for Scientific Data
 * within and beyond the Visible Spectrum", the definition of MAP in its evaluation):
 * {@code AP(q) = sum over ranks n of P(n) f(n) / N}, where {@code P(n)} is the precision of the
 * top n, {@code f(n)} is 1 when the image at rank n is relevant (has the query's label) and 0
 * otherwise, and {@code N} is the number of relevant images in the collection, so relevant
 * images that the ranking misses lower the score. MAP is the mean of AP over all queries.
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * The average precision of one ranking.
     *
     * @param relevant for each rank (index 0 = rank 1), whether the image there is relevant;
     *     not modified
     * @param totalRelevant N, the relevant images in the ranked collection; relevant ranks beyond
     *     the array count as missed
     * @throws IllegalArgumentException if {@code totalRelevant < 1} or the ranking holds more
     *     relevant images than {@code totalRelevant}
     */
    public static double averagePrecision(boolean[] relevant, int totalRelevant) {
        Objects.requireNonNull(relevant, "relevant");
        if (totalRelevant < 1) {
            throw new IllegalArgumentException("average precision needs at least one relevant image, got N = "
                    + totalRelevant);
        }
        int hits = 0;
        double sum = 0;
        for (int n = 0; n < relevant.length; n++) {
            if (relevant[n]) {
                hits++;
                sum += (double) hits / (n + 1);
            }
        }
        if (hits > totalRelevant) {
            throw new IllegalArgumentException("the ranking holds " + hits + " relevant images but N = "
                    + totalRelevant);
        }
        return sum / totalRelevant;
    }
}
