package org.cbir.eval;

import java.util.List;
import java.util.Objects;

/**
 * The scores of one class: one row of the paper's Tables 3 to 6. Immutable.
 *
 * @param label the class label
 * @param queries how many of its images were queried
 * @param relevant N for each of its queries: the images of the class in a query's ranking
 * @param averagePrecision the mean AP of its queries (see {@link RankingMetrics}); NaN when
 *     {@code relevant == 0} (a class of one image, queried against the others)
 * @param kAccuracy per cutoff of the settings, in their order: the share of its queries whose
 *     majority label among the top k is their own
 */
public record ClassScores(String label, int queries, int relevant, double averagePrecision, List<Double> kAccuracy) {

    /** Copies the accuracy list. */
    public ClassScores {
        Objects.requireNonNull(label, "label");
        kAccuracy = List.copyOf(kAccuracy);
    }
}
