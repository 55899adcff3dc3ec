package org.cbir.eval;

import java.util.List;
import java.util.Objects;

/**
 * Counts of queries by true label (rows) and the label their top k voted for (columns), for one
 * {@link Cutoff}. The label a query predicts is the majority of its top k, ties to the
 * best-ranked (as {@link org.cbir.core.Prediction}), whatever
 * {@link EvaluationSettings#tiesCountAsCorrect()} says. Immutable; rows and columns follow
 * {@link #classes()}.
 */
public final class ConfusionMatrix {
    private final Cutoff cutoff;
    private final List<String> classes;
    private final long[][] counts;

    /**
     * @param counts {@code counts[true][predicted]}, square in the number of classes; copied
     * @throws IllegalArgumentException if the array is not square in the number of classes
     */
    public ConfusionMatrix(Cutoff cutoff, List<String> classes, long[][] counts) {
        this.cutoff = Objects.requireNonNull(cutoff, "cutoff");
        this.classes = List.copyOf(classes);
        if (counts.length != this.classes.size()) {
            throw new IllegalArgumentException("a confusion matrix of " + this.classes.size() + " classes needs "
                    + this.classes.size() + " rows, got " + counts.length);
        }
        this.counts = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != counts.length) {
                throw new IllegalArgumentException("confusion matrix row " + i + " has " + counts[i].length
                        + " columns, expected " + counts.length);
            }
            this.counts[i] = counts[i].clone();
        }
    }

    /** The k whose top-k votes this matrix counts. */
    public Cutoff cutoff() {
        return cutoff;
    }

    /** The labels of the rows and columns, sorted. */
    public List<String> classes() {
        return classes;
    }

    /** Queries of class {@code trueLabel} whose top k voted for {@code predicted}. */
    public long count(String trueLabel, String predicted) {
        return counts[indexOf(trueLabel)][indexOf(predicted)];
    }

    /** The count at row {@code row}, column {@code column} (indexes into {@link #classes()}). */
    public long count(int row, int column) {
        return counts[row][column];
    }

    /** Queries of class {@code trueLabel} that voted for any class (the row's sum). */
    public long rowTotal(String trueLabel) {
        long sum = 0;
        for (long c : counts[indexOf(trueLabel)]) {
            sum += c;
        }
        return sum;
    }

    private int indexOf(String label) {
        int i = classes.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("unknown label '" + label + "'; the classes are " + classes);
        }
        return i;
    }

    @Override
    public String toString() {
        return "ConfusionMatrix[k=" + cutoff + ", classes=" + classes + "]";
    }
}
