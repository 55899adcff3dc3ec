package org.cbir.eval;

import java.util.List;
import java.util.Objects;

/**
 * Precision@k and recall@k for k = 1 up to the ranking length, averaged over the queries of
 * each class and over all queries. Precision@k is the share of a query's top k that has its
 * label; recall@k the share of the N images of its label (see {@link RankingMetrics}) found in
 * its top k. Immutable; values are computed from integer hit counts, so they do not depend on
 * the order in which threads finished.
 */
public final class PrecisionRecallCurves {
    private final List<String> classes;
    private final long[][] cumulativeHits;
    private final int[] queries;
    private final int[] relevant;
    private final int totalQueries;
    private final int recallQueries;

    /**
     * @param classes the labels
     * @param hits {@code hits[class][rank - 1]}: queries of the class with a relevant image at that rank; copied
     * @param queries queries per class
     * @param relevant N per class
     */
    PrecisionRecallCurves(List<String> classes, long[][] hits, int[] queries, int[] relevant) {
        this.classes = List.copyOf(classes);
        this.queries = queries.clone();
        this.relevant = relevant.clone();
        this.cumulativeHits = new long[hits.length][];
        int total = 0;
        int withRelevant = 0;
        for (int c = 0; c < hits.length; c++) {
            cumulativeHits[c] = new long[hits[c].length];
            long sum = 0;
            for (int r = 0; r < hits[c].length; r++) {
                sum += hits[c][r];
                cumulativeHits[c][r] = sum;
            }
            total += queries[c];
            withRelevant += relevant[c] > 0 ? queries[c] : 0;
        }
        this.totalQueries = total;
        this.recallQueries = withRelevant;
    }

    /** The largest k of the curves: the number of images each query was ranked against. */
    public int length() {
        return cumulativeHits.length == 0 ? 0 : cumulativeHits[0].length;
    }

    /** The labels, sorted. */
    public List<String> classes() {
        return classes;
    }

    /** Mean precision of the top {@code k} over all queries. */
    public double precision(int k) {
        long hits = 0;
        for (int c = 0; c < classes.size(); c++) {
            hits += cumulativeHits[c][check(k) - 1];
        }
        return (double) hits / ((double) totalQueries * k);
    }

    /** Mean recall of the top {@code k} over all queries that have relevant images. */
    public double recall(int k) {
        check(k);
        double sum = 0;
        for (int c = 0; c < classes.size(); c++) {
            if (relevant[c] > 0) {
                sum += (double) cumulativeHits[c][k - 1] / relevant[c];
            }
        }
        return recallQueries == 0 ? Double.NaN : sum / recallQueries;
    }

    /** Mean precision of the top {@code k} over the queries of class {@code label}. */
    public double precision(String label, int k) {
        int c = indexOf(label);
        return queries[c] == 0 ? Double.NaN : (double) cumulativeHits[c][check(k) - 1] / ((double) queries[c] * k);
    }

    /** Mean recall of the top {@code k} over the queries of class {@code label}; NaN when N = 0. */
    public double recall(String label, int k) {
        int c = indexOf(label);
        check(k);
        return queries[c] == 0 || relevant[c] == 0 ? Double.NaN
                : (double) cumulativeHits[c][k - 1] / ((double) queries[c] * relevant[c]);
    }

    private int check(int k) {
        if (k < 1 || k > length()) {
            throw new IllegalArgumentException("k must be in 1.." + length() + ", got " + k);
        }
        return k;
    }

    private int indexOf(String label) {
        int c = classes.indexOf(Objects.requireNonNull(label, "label"));
        if (c < 0) {
            throw new IllegalArgumentException("unknown label '" + label + "'; the classes are " + classes);
        }
        return c;
    }
}
