package org.cbir.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cbir.core.Match;
import org.cbir.core.internal.LabelVotes;

/**
 * Turns one query's ranking into its {@link QueryScore} and adds its relevant ranks to the
 * per-class hit counts that become the precision and recall curves. The k-accuracy votes are
 * always those of the other images: a query ranked against itself does not vote for itself (the
 * reference implementation likewise skips rank 1 when it counts votes), so Ω is the number of
 * other images of its class. Immutable; the hit-count array passed in belongs to one thread.
 */
final class QueryScorer {
    private final Map<String, Integer> classIndex;
    private final List<Cutoff> cutoffs;
    private final boolean tiesCountAsCorrect;

    QueryScorer(Map<String, Integer> classIndex, List<Cutoff> cutoffs, boolean tiesCountAsCorrect) {
        this.classIndex = classIndex;
        this.cutoffs = cutoffs;
        this.tiesCountAsCorrect = tiesCountAsCorrect;
    }

    /**
     * @param queryId the query's id: its own match, if the ranking holds it, counts for AP and
     *     the curves but never votes for its label
     * @param label the query's label
     * @param ranking its matches, best first (the whole ranked collection for an exact index)
     * @param relevant N, the images with its label in the ranked collection
     * @param hits per rank, queries of the query's class with a relevant image at that rank;
     *     incremented here
     */
    QueryScore score(long queryId, String label, List<Match> ranking, int relevant, int[] hits) {
        int own = classIndex.get(label);
        boolean[] isRelevant = new boolean[ranking.size()];
        List<String> voters = new ArrayList<>(ranking.size());
        boolean selfRanked = false;
        for (int i = 0; i < ranking.size(); i++) {
            Match match = ranking.get(i);
            isRelevant[i] = label.equals(match.label());
            if (isRelevant[i] && i < hits.length) {
                hits[i]++;
            }
            if (match.id() == queryId) {
                selfRanked = true;
            } else {
                voters.add(match.label());
            }
        }
        double ap = relevant > 0 ? RankingMetrics.averagePrecision(isRelevant, relevant) : Double.NaN;
        int others = selfRanked ? relevant - 1 : relevant;
        int[] predicted = new int[cutoffs.size()];
        boolean[] correct = new boolean[cutoffs.size()];
        for (int c = 0; c < cutoffs.size(); c++) {
            List<String> top = voters.subList(0, cutoffs.get(c).resolve(others, voters.size()));
            String winner = LabelVotes.majorityLabel(top);
            predicted[c] = winner == null ? -1 : classIndex.getOrDefault(winner, -1);
            correct[c] = tiesCountAsCorrect ? LabelVotes.isAmongMostFrequent(top, label) : label.equals(winner);
        }
        return new QueryScore(own, relevant, ap, predicted, correct);
    }
}
