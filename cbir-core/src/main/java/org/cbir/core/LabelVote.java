package org.cbir.core;

import java.util.List;
import java.util.Optional;
import org.cbir.core.eval.RankingMetrics;

/**
 * The majority vote of matches' labels that gives a query its {@link Prediction}; public for
 * engines that merge the matches of several stores into one result. Stateless.
 */
public final class LabelVote {
    private LabelVote() {
    }

    /**
     * The label carried by most matches; among equally frequent labels, the one whose first
     * match ranks best ({@link RankingMetrics#majorityLabel}). Confidence is its votes over all
     * matches (unlabelled ones included). Empty when no match has a label.
     */
    public static Optional<Prediction> predict(List<Match> matches) {
        List<String> labels = matches.stream().map(Match::label).toList();
        String best = RankingMetrics.majorityLabel(labels);
        if (best == null) {
            return Optional.empty();
        }
        int votes = (int) labels.stream().filter(best::equals).count();
        return Optional.of(new Prediction(best, (double) votes / matches.size(), votes));
    }
}
