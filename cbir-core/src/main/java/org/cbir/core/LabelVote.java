package org.cbir.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The majority vote of matches' labels that gives a query its {@link Prediction}. */
final class LabelVote {
    private LabelVote() {
    }

    /**
     * The label carried by most matches; among equally frequent labels, the one whose first
     * match ranks best. Confidence is its votes over all matches (unlabelled ones included).
     * Empty when no match has a label.
     */
    static Optional<Prediction> predict(List<Match> matches) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (Match m : matches) {
            if (m.label() != null) {
                votes.merge(m.label(), 1, Integer::sum);
            }
        }
        String best = null;
        int bestVotes = 0;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > bestVotes) {
                best = e.getKey();
                bestVotes = e.getValue();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new Prediction(best, (double) bestVotes / matches.size(), bestVotes));
    }
}
