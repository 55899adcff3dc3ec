package org.cbir.core;

import java.util.List;
import java.util.Optional;

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

    /** The closest match, if any. */
    public Optional<Match> best() {
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(0));
    }
}
