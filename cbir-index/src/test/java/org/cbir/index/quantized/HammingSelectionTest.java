package org.cbir.index.quantized;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The selection against sorting every (distance, row) pair and keeping the first: with many equal
 * distances (a few distinct values) and with few, one scan and the merge of scans of row ranges,
 * capacities from 1 to past the rows offered. Seeded.
 */
class HammingSelectionTest {

    @Test
    void keepsTheLeastPairsByDistanceThenRowAsSortingAllDoes() {
        Random random = new Random(11);
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + random.nextInt(500);
            int maxDistance = new int[] {3, 16, 128, 512}[random.nextInt(4)];
            int capacity = 1 + random.nextInt(n + 20);
            int[] distances = IntStream.range(0, n).map(r -> random.nextInt(maxDistance + 1)).toArray();
            HammingSelection selection = new HammingSelection(capacity, maxDistance);
            for (int r = 0; r < n; r++) {
                selection.offer(distances[r], r);
            }
            assertArrayEquals(sortedFirst(distances, capacity), rows(selection), "trial " + trial);
        }
    }

    @Test
    void mergingScansOfAscendingRangesInOrderKeepsWhatOneScanKeeps() {
        Random random = new Random(12);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(800);
            int maxDistance = new int[] {4, 64, 256}[random.nextInt(3)];
            int capacity = 1 + random.nextInt(Math.max(1, n / 2));
            int[] distances = IntStream.range(0, n).map(r -> random.nextInt(maxDistance + 1)).toArray();
            int ranges = 2 + random.nextInt(4);
            HammingSelection merged = null;
            for (int t = 0; t < ranges; t++) {
                HammingSelection part = new HammingSelection(capacity, maxDistance);
                for (int r = t * n / ranges; r < (t + 1) * n / ranges; r++) {
                    part.offer(distances[r], r);
                }
                if (merged == null) {
                    merged = part;
                } else {
                    merged.offerAll(part);
                }
            }
            assertArrayEquals(sortedFirst(distances, capacity), rows(merged), "trial " + trial);
        }
    }

    @Test
    void boundRefusesOnlyWhatCannotEnter() {
        HammingSelection selection = new HammingSelection(2, 10);
        assertEquals(11, selection.bound()); // not full: any distance
        selection.offer(5, 0);
        selection.offer(5, 1);
        assertEquals(5, selection.bound()); // full at 5: a later row at 5 loses the tie
        selection.offer(5, 2);
        selection.offer(3, 3);
        assertEquals(5, selection.bound()); // 3 and the first 5 are kept
        selection.offer(2, 4);
        assertEquals(3, selection.bound()); // 2 and 3 fill it
        assertArrayEquals(new int[] {3, 4}, rows(selection));
    }

    /** The rows of the first {@code capacity} pairs by (distance, row), sorted by row. */
    private static int[] sortedFirst(int[] distances, int capacity) {
        return IntStream.range(0, distances.length).boxed()
                .sorted(Comparator.<Integer>comparingInt(r -> distances[r]).thenComparingInt(r -> r))
                .limit(capacity).mapToInt(Integer::intValue).sorted().toArray();
    }

    private static int[] rows(HammingSelection selection) {
        int[] rows = new int[selection.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = selection.row(i);
        }
        Arrays.sort(rows);
        return rows;
    }
}
