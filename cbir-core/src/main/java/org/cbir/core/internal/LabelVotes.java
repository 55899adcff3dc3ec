package org.cbir.core.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cbir.core.Match;
import org.cbir.core.Prediction;

/**
 * The majority vote of matches' labels that gives a query its {@link Prediction}
 * ({@link org.cbir.core.QueryResult#of}), shared with evaluation and label suggestion. Stateless.
 */
public final class LabelVotes {
    private LabelVotes() {
    }

    /**
     * The label carried by most matches; among equally frequent labels, the one whose first
     * match ranks best ({@link #majorityLabel}). Confidence is its votes over all
     * matches (unlabelled ones included). Empty when no match has a label.
     */
    public static Optional<Prediction> predict(List<Match> matches) {
        List<String> labels = matches.stream().map(Match::label).toList();
        String best = majorityLabel(labels);
        if (best == null) {
            return Optional.empty();
        }
        int votes = (int) labels.stream().filter(best::equals).count();
        return Optional.of(new Prediction(best, (double) votes / matches.size(), votes));
    }

    /**
     * The label most frequent among {@code labels} (the labels of the top k matches, best first);
     * among equally frequent labels, the one that appears first, as the pipeline's
     * {@link Prediction} decides. {@code null} labels do not vote.
     *
     * @return the winning label, or {@code null} when no label votes
     */
    public static String majorityLabel(List<String> labels) {
        Map<String, Integer> votes = votes(labels);
        String best = null;
        int bestVotes = 0;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > bestVotes) {
                best = e.getKey();
                bestVotes = e.getValue();
            }
        }
        return best;
    }

    /**
     * Whether {@code own} has at least as many votes among {@code labels} as any other label
     * (and at least one): the lenient rule of the reference implementation, which counts a tie
     * for first place as a success.
     */
    public static boolean isAmongMostFrequent(List<String> labels, String own) {
        Objects.requireNonNull(own, "own");
        Map<String, Integer> votes = votes(labels);
        int ownVotes = votes.getOrDefault(own, 0);
        return ownVotes > 0 && votes.values().stream().allMatch(v -> v <= ownVotes);
    }

    private static Map<String, Integer> votes(List<String> labels) {
        Objects.requireNonNull(labels, "labels");
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (String label : labels) {
            if (label != null) {
                votes.merge(label, 1, Integer::sum);
            }
        }
        return votes;
    }
}
