package org.cbir.core.internal.search;

import java.util.Arrays;
import java.util.List;
import org.cbir.core.Neighbor;
import org.cbir.core.internal.index.ParallelRanges;

/**
 * Sorting and selection on primitive arrays for rankings of many neighbours, in the order of
 * {@link Neighbor#compareTo}: ascending distance as {@link Double#compare} orders it (-0.0 before
 * 0.0, NaN after positive infinity), then ascending id.
 *
 * <p>A distance is carried as its {@linkplain #key sort key}, a {@code long} whose signed order is
 * the distance's order; a (key, id) pair is then a 128-bit number, sorted by a most-significant-
 * digit radix sort that looks only at the bits where the keys of a range differ (the range's
 * minimum and maximum are found first, so clustered distances split well): linear passes instead
 * of the {@code n log n} comparisons, through object references, of a {@code List<Neighbor>}
 * sort. Ranges of at most {@value #INSERTION} pairs are insertion-sorted; a range whose keys are
 * all equal is sorted by id in the same way, so any number of equal distances costs linear passes.
 *
 * <p>Stateless and thread-safe; the methods work in the arrays passed and allocate their scratch.
 */
final class NeighborSort {
    /** Ranges this short are insertion-sorted. */
    static final int INSERTION = 32;
    /** Pairs from which {@link #sort(long[], long[], int, int)} forks. */
    static final int PARALLEL_PAIRS = 1 << 16;

    private NeighborSort() {
    }

    /** A long whose signed order is {@link Double#compare}'s order of distances. */
    static long key(double distance) {
        long bits = Double.doubleToLongBits(distance); // one NaN for all
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** The distance of a {@link #key} (the key's transform is its own inverse). */
    static double distance(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /**
     * Sorts pairs {@code (keys[i], ids[i])} for {@code i < count} by key, then id (both signed).
     */
    static void sort(long[] keys, long[] ids, int count) {
        sort(keys, ids, count, 1);
    }

    /**
     * {@link #sort(long[], long[], int)} in {@code tasks} parallel parts (see
     * {@link ParallelRanges#run}) once the first digit has split the pairs, when there are at
     * least {@value #PARALLEL_PAIRS} of them.
     */
    static void sort(long[] keys, long[] ids, int count, int tasks) {
        if (count <= INSERTION) {
            insertionSort(keys, ids, 0, count);
            return;
        }
        long[] keyScratch = new long[count];
        long[] idScratch = new long[count];
        if (tasks < 2 || count < PARALLEL_PAIRS) {
            sort(keys, ids, keyScratch, idScratch, 0, count, true);
            return;
        }
        int[] starts = split(keys, ids, keyScratch, idScratch, 0, count, true);
        if (starts == null) {
            sort(keys, ids, keyScratch, idScratch, 0, count, false);
            return;
        }
        int buckets = starts.length - 1;
        int[] firstBucket = new int[tasks + 1]; // task t sorts buckets [firstBucket[t], firstBucket[t + 1])
        for (int t = 1, d = 0; t < tasks; t++) {
            long share = (long) count * t / tasks;
            while (d < buckets && starts[d] < share) {
                d++;
            }
            firstBucket[t] = d;
        }
        firstBucket[tasks] = buckets;
        ParallelRanges.run(tasks, tasks, (task, from, to) -> {
            for (int d = firstBucket[task]; d < firstBucket[task + 1]; d++) {
                if (starts[d + 1] - starts[d] > 1) {
                    sort(keys, ids, keyScratch, idScratch, starts[d], starts[d + 1], true);
                }
            }
        });
    }

    /**
     * The first {@code min(k, count)} pairs as neighbours, after {@link #sort}: a
     * {@link NeighborList} over the arrays, which become the list's (copied first when they are
     * more than twice as long as the list, so that a short list does not hold long arrays).
     */
    static List<Neighbor> neighbors(long[] keys, long[] ids, int count, int k) {
        int size = Math.min(k, count);
        if (Math.min(keys.length, ids.length) > 2L * size + INSERTION) {
            return new NeighborList(Arrays.copyOf(keys, size), Arrays.copyOf(ids, size), 0, size);
        }
        return new NeighborList(keys, ids, 0, size);
    }

    /**
     * Sorts [from, to) by (keys, ids) when {@code byKey}, else by ids alone (the keys of the range
     * being equal), through the scratch arrays {@code keyScratch} and {@code idScratch}.
     */
    private static void sort(long[] keys, long[] ids, long[] keyScratch, long[] idScratch, int from, int to,
            boolean byKey) {
        if (to - from <= INSERTION) {
            insertionSort(keys, ids, from, to);
            return;
        }
        int[] starts = split(keys, ids, keyScratch, idScratch, from, to, byKey);
        if (starts == null) {
            if (byKey) {
                sort(keys, ids, keyScratch, idScratch, from, to, false);
            }
            return;
        }
        for (int d = 0; d < starts.length - 1; d++) {
            if (starts[d + 1] - starts[d] > 1) {
                sort(keys, ids, keyScratch, idScratch, starts[d], starts[d + 1], byKey);
            }
        }
    }

    /**
     * Distributes [from, to) by the highest digit of {@code keys} (or {@code ids} when not
     * {@code byKey}) in which they differ, counted from their minimum; returns the buckets'
     * bounds (bucket {@code d} is [starts[d], starts[d + 1])), or null when all are equal.
     */
    private static int[] split(long[] keys, long[] ids, long[] keyScratch, long[] idScratch, int from, int to,
            boolean byKey) {
        int n = to - from;
        long[] digits = byKey ? keys : ids;
        long min = digits[from];
        long max = min;
        for (int i = from + 1; i < to; i++) {
            long x = digits[i];
            if (x < min) {
                min = x;
            } else if (x > max) {
                max = x;
            }
        }
        if (min == max) {
            return null;
        }
        // (x - min) is in [0, max - min] read as unsigned, whatever the signs of x and min; 11-bit
        // digits keep the scatter's 2 x 2,048 write positions in the cache
        int bits = 64 - Long.numberOfLeadingZeros(max - min);
        int digitBits = Math.min(bits, n >= 1 << 11 ? 11 : 8);
        int shift = bits - digitBits;
        int buckets = 1 << digitBits;
        int[] starts = new int[buckets + 1];
        for (int i = from; i < to; i++) {
            starts[(int) ((digits[i] - min) >>> shift) + 1]++;
        }
        starts[0] = from;
        for (int d = 0; d < buckets; d++) {
            starts[d + 1] += starts[d];
        }
        int[] next = Arrays.copyOf(starts, buckets);
        for (int i = from; i < to; i++) {
            int at = next[(int) ((digits[i] - min) >>> shift)]++;
            keyScratch[at] = keys[i];
            idScratch[at] = ids[i];
        }
        System.arraycopy(keyScratch, from, keys, from, n);
        System.arraycopy(idScratch, from, ids, from, n);
        return starts;
    }

    private static void insertionSort(long[] keys, long[] ids, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long key = keys[i];
            long id = ids[i];
            int j = i - 1;
            while (j >= from && (keys[j] > key || keys[j] == key && ids[j] > id)) {
                keys[j + 1] = keys[j];
                ids[j + 1] = ids[j];
                j--;
            }
            keys[j + 1] = key;
            ids[j + 1] = id;
        }
    }

    /**
     * The value of rank {@code rank} (0 for the smallest) among {@code values[0, count)}, which
     * must hold no NaN; reorders them. Quickselect with three-way partitions around a median of
     * three (linear however many values are equal), falling back to a sort of the remaining range
     * if the partitions keep coming out unbalanced, so the worst case is {@code n log n}.
     */
    static float select(float[] values, int count, int rank) {
        if (rank < 0 || rank >= count) {
            throw new IllegalArgumentException("rank " + rank + " is not within the " + count + " values");
        }
        int lo = 0;
        int hi = count - 1;
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(count)) + 8;
        while (hi > lo) {
            if (budget-- == 0) {
                Arrays.sort(values, lo, hi + 1);
                return values[rank];
            }
            float pivot = medianOfThree(values[lo], values[(lo + hi) >>> 1], values[hi]);
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) { // [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot
                float x = values[i];
                if (x < pivot) {
                    values[i++] = values[lt];
                    values[lt++] = x;
                } else if (x > pivot) {
                    values[i] = values[gt];
                    values[gt--] = x;
                } else {
                    i++;
                }
            }
            if (rank < lt) {
                hi = lt - 1;
            } else if (rank > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return values[lo];
    }

    private static float medianOfThree(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
