package org.cbir.core.internal.search;

import java.util.Arrays;

/**
 * The rows of one scan (one query over some blocks) that may belong to the k best: a max-heap
 * of the k lowest scores, plus every other row whose score is within the scorer's
 * {@link RowScorer#limit} of the current k-th score (near-ties whose order the float rounding
 * could have swapped). Rows further away are dropped at once. Usually a few more than k rows
 * are kept; many equal vectors keep more, never a wrong answer.
 *
 * <p>Not thread-safe: one per scanning thread and query.
 */
final class ScanCandidates {
    private final int k;
    private final RowScorer scorer;
    private final double[] heapScores;
    private final int[] heapRows;
    private int heapSize;
    private double[] nearScores = new double[16];
    private int[] nearRows = new int[16];
    private int nearSize;

    ScanCandidates(int k, RowScorer scorer) {
        this.k = k;
        this.scorer = scorer;
        this.heapScores = new double[k];
        this.heapRows = new int[k];
    }

    /**
     * The largest score {@link #offer} may keep now: positive infinity until k rows are held,
     * then the scorer's limit of the k-th score. A scan offers only rows whose score is not above
     * it (NaN scores, which stand for positive infinity, included). It only decreases.
     */
    double bound() {
        return heapSize < k ? Double.POSITIVE_INFINITY : scorer.limit(heapScores[0]);
    }

    /** Offers {@code row} with {@code score} (not NaN). */
    void offer(double score, int row) {
        if (heapSize < k) {
            heapScores[heapSize] = score;
            heapRows[heapSize] = row;
            siftUp(heapSize++);
            return;
        }
        double top = heapScores[0];
        if (score < top) {
            int evicted = heapRows[0];
            heapScores[0] = score;
            heapRows[0] = row;
            siftDown();
            if (top <= scorer.limit(heapScores[0])) {
                addNear(top, evicted);
            }
        } else if (score <= scorer.limit(top)) {
            addNear(score, row);
        }
    }

    /** Adds the kept rows and scores to {@code into}. */
    void drainTo(Collected into) {
        for (int i = 0; i < heapSize; i++) {
            into.add(heapScores[i], heapRows[i]);
        }
        double limit = heapSize < k ? Double.POSITIVE_INFINITY : scorer.limit(heapScores[0]);
        for (int i = 0; i < nearSize; i++) {
            if (nearScores[i] <= limit) {
                into.add(nearScores[i], nearRows[i]);
            }
        }
    }

    private void addNear(double score, int row) {
        if (nearSize == nearScores.length) {
            pruneNear();
            if (nearSize > nearScores.length / 2) {
                nearScores = Arrays.copyOf(nearScores, nearScores.length * 2);
                nearRows = Arrays.copyOf(nearRows, nearRows.length * 2);
            }
        }
        nearScores[nearSize] = score;
        nearRows[nearSize++] = row;
    }

    private void pruneNear() {
        double limit = scorer.limit(heapScores[0]);
        int kept = 0;
        for (int i = 0; i < nearSize; i++) {
            if (nearScores[i] <= limit) {
                nearScores[kept] = nearScores[i];
                nearRows[kept++] = nearRows[i];
            }
        }
        nearSize = kept;
    }

    private void siftUp(int i) {
        double score = heapScores[i];
        int row = heapRows[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heapScores[parent] >= score) {
                break;
            }
            heapScores[i] = heapScores[parent];
            heapRows[i] = heapRows[parent];
            i = parent;
        }
        heapScores[i] = score;
        heapRows[i] = row;
    }

    private void siftDown() {
        double score = heapScores[0];
        int row = heapRows[0];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && heapScores[child + 1] > heapScores[child]) {
                child++;
            }
            if (heapScores[child] <= score) {
                break;
            }
            heapScores[i] = heapScores[child];
            heapRows[i] = heapRows[child];
            i = child;
        }
        heapScores[i] = score;
        heapRows[i] = row;
    }

    /** Candidates gathered from several scans of the same query. Not thread-safe. */
    static final class Collected {
        private double[] scores = new double[32];
        private int[] rows = new int[32];
        private int size;

        void add(double score, int row) {
            if (size == scores.length) {
                scores = Arrays.copyOf(scores, size * 2);
                rows = Arrays.copyOf(rows, size * 2);
            }
            scores[size] = score;
            rows[size++] = row;
        }

        /**
         * The rows whose score is within {@code scorer}'s limit of the k-th lowest score of all
         * gathered (every row when fewer than k were gathered).
         */
        int[] within(int k, RowScorer scorer) {
            if (size <= k) {
                return Arrays.copyOf(rows, size);
            }
            double[] sorted = Arrays.copyOf(scores, size);
            Arrays.sort(sorted);
            double limit = scorer.limit(sorted[k - 1]);
            int[] kept = new int[size];
            int count = 0;
            for (int i = 0; i < size; i++) {
                if (scores[i] <= limit) {
                    kept[count++] = rows[i];
                }
            }
            return Arrays.copyOf(kept, count);
        }
    }
}
