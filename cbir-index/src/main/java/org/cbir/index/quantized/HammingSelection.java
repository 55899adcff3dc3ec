package org.cbir.index.quantized;

import java.util.Arrays;

/**
 * The {@code capacity} least (Hamming distance, row) pairs offered, kept in one list of rows per
 * distance: a Hamming distance is a small integer (0 to the code's bits), so a row is kept or
 * refused in constant time, where a heap of that many pairs costs a logarithmic sift for every row
 * that enters (which, at 128 bits and their many equal distances, cost as much as the distances
 * themselves: BENCHMARKS.md).
 *
 * <p>Rows must be offered in ascending order within each distance (a scan's order; a merge of
 * scans of ascending row ranges, taken in range order): then of equal distances the lower rows
 * are kept. The kept pairs are those of every distance below a threshold, and the first rows at
 * the threshold; the threshold falls as closer rows come.
 */
final class HammingSelection implements QuantizedScanIndex.Found {
    private final int capacity;
    /** Rows at each distance, in the order offered; {@code counts[d]} of {@code rows[d]} in use. */
    private final int[][] rows;
    private final int[] counts;
    /** The greatest distance that can still be kept. */
    private int threshold;
    /** Rows kept, at the threshold and below. */
    private int total;
    /** The final rows ({@link #size} of them), made on first read. */
    private int[] selected;

    /**
     * @param capacity the pairs to keep (at least 1)
     * @param maxDistance the greatest distance that will be offered (the code's bits)
     */
    HammingSelection(int capacity, int maxDistance) {
        this.capacity = capacity;
        this.rows = new int[maxDistance + 1][];
        this.counts = new int[maxDistance + 1];
        this.threshold = maxDistance;
    }

    /** A distance below this may enter: a scan skips the rows at or above it without offering them. */
    int bound() {
        return total < capacity ? threshold + 1 : threshold;
    }

    /** Keeps {@code row} at {@code distance} if it is among the least pairs so far. */
    void offer(int distance, int row) {
        if (distance >= bound()) {
            return;
        }
        int[] level = rows[distance];
        int count = counts[distance];
        if (level == null || count == level.length) {
            level = rows[distance] = level == null ? new int[16] : Arrays.copyOf(level, 2 * count);
        }
        level[count] = row;
        counts[distance] = count + 1;
        total++;
        // the rows strictly below the threshold fill the capacity: the threshold's rows can go
        while (total - counts[threshold] >= capacity) {
            total -= counts[threshold];
            counts[threshold] = 0;
            threshold--;
        }
    }

    /** Offers every pair that {@code other} kept, distance by distance (its rows in their order). */
    void offerAll(HammingSelection other) {
        for (int d = 0; d <= other.threshold && d < bound(); d++) {
            for (int i = 0; i < other.counts[d]; i++) {
                offer(d, other.rows[d][i]);
            }
        }
    }

    @Override
    public int size() {
        return Math.min(total, capacity);
    }

    @Override
    public int row(int i) {
        if (selected == null) {
            selected = new int[size()];
            int at = 0;
            for (int d = 0; d <= threshold && at < selected.length; d++) {
                int take = Math.min(counts[d], selected.length - at);
                if (take > 0) {
                    System.arraycopy(rows[d], 0, selected, at, take);
                    at += take;
                }
            }
        }
        return selected[i];
    }
}
