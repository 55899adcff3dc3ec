package org.cbir.core;

import java.util.List;
import java.util.Optional;
import org.cbir.core.internal.LabelVotes;

/**
 * The answer to one query: its matches, closest first, and the label they vote for.
 *
 * @param matches at most k matches, ranked by ascending distance, ties by ascending id
 * @param prediction the majority label of the labelled matches; empty when none is labelled
 */
public record QueryResult(List<Match> matches, Optional<Prediction> prediction) {

    public QueryResult {
        matches = List.copyOf(matches);
    }

    /**
     * The result of these ranked matches, with the prediction the pipeline makes from them: the
     * label carried by most matches, ties going to the label whose first match ranks best, its
     * confidence the winner's votes over all matches (unlabelled ones included). For engines that
     * merge the matches of several stores into one ranking.
     */
    public static QueryResult of(List<Match> matches) {
        return new QueryResult(matches, LabelVotes.predict(matches));
    }

    /** The closest match, if any. */
    public Optional<Match> best() {
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(0));
    }
}
