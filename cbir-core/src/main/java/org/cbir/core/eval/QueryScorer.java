package org.cbir.core.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cbir.core.Match;

/**
 * Turns one query's ranking into its {@link QueryScore} and adds its relevant ranks to the
 * per-class hit counts that become the precision and recall curves. Immutable; the hit-count
 * array passed in belongs to one thread.
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
     * @param label the query's label
     * @param ranking its matches, best first (the whole ranked collection for an exact index)
     * @param relevant N, the images with its label in the ranked collection
     * @param rankingLength how many images it was ranked against
     * @param hits per rank, queries of the query's class with a relevant image at that rank;
     *     incremented here
     */
    QueryScore score(String label, List<Match> ranking, int relevant, int rankingLength, int[] hits) {
        int own = classIndex.get(label);
        boolean[] isRelevant = new boolean[ranking.size()];
        List<String> labels = new ArrayList<>(ranking.size());
        for (int i = 0; i < ranking.size(); i++) {
            String matchLabel = ranking.get(i).label();
            labels.add(matchLabel);
            isRelevant[i] = label.equals(matchLabel);
            if (isRelevant[i] && i < hits.length) {
                hits[i]++;
            }
        }
        double ap = relevant > 0 ? RankingMetrics.averagePrecision(isRelevant, relevant) : Double.NaN;
        int[] predicted = new int[cutoffs.size()];
        boolean[] correct = new boolean[cutoffs.size()];
        for (int c = 0; c < cutoffs.size(); c++) {
            int k = Math.min(cutoffs.get(c).resolve(relevant, rankingLength), labels.size());
            List<String> top = labels.subList(0, k);
            String winner = RankingMetrics.majorityLabel(top);
            predicted[c] = winner == null ? -1 : classIndex.getOrDefault(winner, -1);
            correct[c] = tiesCountAsCorrect ? RankingMetrics.isAmongMostFrequent(top, label) : label.equals(winner);
        }
        return new QueryScore(own, relevant, ap, predicted, correct);
    }
}
