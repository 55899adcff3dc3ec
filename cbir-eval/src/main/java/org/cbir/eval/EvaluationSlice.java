package org.cbir.eval;

import java.io.Serializable;
import java.util.List;

/**
 * The scores of a contiguous range of an evaluation's queries, made by
 * {@link Evaluation#runIndexedSlice} on one machine and joined with the other ranges' by
 * {@link Evaluation#join} into the report that {@link Evaluation#runIndexed} makes on one
 * machine. Serializable, so that an engine such as Spark can send it back to its driver.
 * Immutable once made.
 */
public final class EvaluationSlice implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int from;
    private final int to;
    private final int indexed;
    private final List<String> classes;
    private final int[] classSizes;
    private final QueryScore[] scores;
    private final long[][] hits;
    private final int rankingLength;

    EvaluationSlice(int from, int to, int indexed, LeaveOneOut.Outcome outcome) {
        this.from = from;
        this.to = to;
        this.indexed = indexed;
        this.classes = List.copyOf(outcome.classes());
        this.classSizes = outcome.classSizes().clone();
        this.scores = outcome.scores().toArray(new QueryScore[0]);
        this.hits = outcome.hits();
        this.rankingLength = outcome.rankingLength();
    }

    /** The position of the first query of the range among the indexed images in id order. */
    public int from() {
        return from;
    }

    /** One past the position of the range's last query. */
    public int to() {
        return to;
    }

    /** How many images were indexed, all of which each query was ranked against. */
    public int indexed() {
        return indexed;
    }

    List<String> classes() {
        return classes;
    }

    int[] classSizes() {
        return classSizes;
    }

    List<QueryScore> scores() {
        return List.of(scores);
    }

    long[][] hits() {
        return hits;
    }

    int rankingLength() {
        return rankingLength;
    }
}
