package org.cbir.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * How well a grouping agrees with known classes, as scikit-learn's {@code adjusted_rand_score}
 * and {@code normalized_mutual_info_score} (arithmetic-mean normalisation) compute it: every
 * label value is a class, noise (-1) included. 1 is perfect agreement; 0 is what chance gives.
 */
public final class AgreementScores {
    private AgreementScores() {
    }

    /** The adjusted Rand index (Hubert and Arabie 1985) of two labelings of the same items. */
    public static double adjustedRandIndex(int[] truth, int[] found) {
        Contingency t = new Contingency(truth, found);
        double index = 0;
        for (long c : t.cells.values()) {
            index += pairs(c);
        }
        double rows = 0;
        for (long c : t.rows.values()) {
            rows += pairs(c);
        }
        double columns = 0;
        for (long c : t.columns.values()) {
            columns += pairs(c);
        }
        double expected = rows * columns / pairs(truth.length);
        double max = (rows + columns) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    /** The mutual information of the two labelings over the mean of their entropies (Strehl and Ghosh 2002 use the geometric mean). */
    public static double normalizedMutualInformation(int[] truth, int[] found) {
        Contingency t = new Contingency(truth, found);
        double n = truth.length;
        double mutual = 0;
        for (Map.Entry<Long, Long> cell : t.cells.entrySet()) {
            int a = (int) (cell.getKey() >> 32);
            int b = (int) (long) cell.getKey();
            double nij = cell.getValue();
            mutual += nij / n * Math.log(n * nij / ((double) t.rows.get(a) * t.columns.get(b)));
        }
        double h1 = entropy(t.rows, n);
        double h2 = entropy(t.columns, n);
        if (h1 == 0 && h2 == 0) {
            return 1.0;
        }
        return mutual / Math.max((h1 + h2) / 2, Double.MIN_NORMAL);
    }

    private static double entropy(Map<Integer, Long> counts, double n) {
        double h = 0;
        for (long c : counts.values()) {
            h -= c / n * Math.log(c / n);
        }
        return h;
    }

    private static double pairs(long count) {
        return count * (count - 1) / 2.0;
    }

    private static final class Contingency {
        final Map<Long, Long> cells = new HashMap<>();
        final Map<Integer, Long> rows = new HashMap<>();
        final Map<Integer, Long> columns = new HashMap<>();

        Contingency(int[] a, int[] b) {
            if (a.length != b.length || a.length == 0) {
                throw new IllegalArgumentException("two labelings of the same items are needed, got " + a.length
                        + " and " + b.length + " labels");
            }
            for (int i = 0; i < a.length; i++) {
                cells.merge(((long) a[i] << 32) | (b[i] & 0xffffffffL), 1L, Long::sum);
                rows.merge(a[i], 1L, Long::sum);
                columns.merge(b[i], 1L, Long::sum);
            }
        }
    }
}
