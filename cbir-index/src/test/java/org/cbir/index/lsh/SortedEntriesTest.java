package org.cbir.index.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every packing of {@link SortedEntries} against a plain sorted {@code long[]} searched naively:
 * same hashes, rows and lower bounds, for keys on, between and beyond the stored hashes, with
 * repeated hashes and several chunks.
 */
class SortedEntriesTest {
    private static final int SIZE = SortedEntries.CHUNK * 2 + 123;

    @Test
    void narrowPackingKeepsHashesOfUpTo32BitsAndRows() {
        for (int bits : new int[] {1, 7, 32}) {
            long[] hashes = sortedHashes(bits, SIZE, bits);
            int[] rows = shuffledRows(SIZE, bits);
            check(bits, new SortedEntries.Narrow(hashes, rows, SIZE), hashes, rows);
        }
    }

    @Test
    void widePackingKeepsLongHashesAndRows() {
        long[] hashes = sortedHashes(64, SIZE, 3);
        int[] rows = shuffledRows(SIZE, 3);
        check(64, new SortedEntries.Wide(hashes, rows, SIZE), hashes, rows);
        assertEquals(SortedEntries.Wide.class, SortedEntries.of(64, hashes, rows, SIZE).getClass());
        assertEquals(SortedEntries.Narrow.class, SortedEntries.of(32, hashes, rows, SIZE).getClass());
    }

    @Test
    void bucketedPackingKeepsLongHashesAndLargeRows() {
        for (int bits : new int[] {33, 48, 64}) {
            long[] hashes = sortedHashes(bits, SIZE, bits);
            int[] rows = shuffledRows(SIZE, bits);
            rows[5] = Integer.MAX_VALUE; // all 31 row bits survive the split into high and low halves
            rows[6] = 0x0001_FFFF;
            check(bits, new SortedEntries.Bucketed(hashes, rows, SIZE), hashes, rows);
        }
    }

    @Test
    void emptyEntriesFindNothing() {
        for (SortedEntries e : List.of(new SortedEntries.Narrow(new long[0], new int[0], 0),
                new SortedEntries.Wide(new long[0], new int[0], 0),
                new SortedEntries.Bucketed(new long[0], new int[0], 0))) {
            assertEquals(0, e.size());
            assertEquals(0, e.lowerBound(0));
            assertEquals(0, e.upperBound(-1L));
        }
    }

    private static void check(int bits, SortedEntries entries, long[] hashes, int[] rows) {
        assertEquals(hashes.length, entries.size());
        assertArrayEquals(hashes, entries.hashes());
        assertArrayEquals(rows, entries.rows());
        Random random = new Random(bits);
        long unused = bits == 64 ? 0 : -1L >>> bits;
        for (int q = 0; q < 300; q++) {
            long stored = hashes[random.nextInt(hashes.length)];
            for (long key : new long[] {stored, stored | unused, stored - 1, stored + 1, random.nextLong(), 0, -1L}) {
                assertEquals(naiveLowerBound(hashes, key), entries.lowerBound(key), "lowerBound of " + key);
                assertEquals(key == -1L ? hashes.length : naiveLowerBound(hashes, key + 1), entries.upperBound(key),
                        "upperBound of " + key);
            }
        }
    }

    private static int naiveLowerBound(long[] hashes, long key) {
        int i = 0;
        while (i < hashes.length && Long.compareUnsigned(hashes[i], key) < 0) {
            i++;
        }
        return i;
    }

    /** Left-aligned random hashes of {@code bits} bits, many repeated, sorted unsigned. */
    private static long[] sortedHashes(int bits, int size, long seed) {
        Random random = new Random(seed);
        long[] hashes = new long[size];
        for (int i = 0; i < size; i++) {
            hashes[i] = i > 0 && random.nextInt(4) == 0 ? hashes[i - 1] : random.nextLong() & (-1L << (64 - bits));
        }
        Long[] boxed = Arrays.stream(hashes).boxed().toArray(Long[]::new);
        Arrays.sort(boxed, Long::compareUnsigned);
        return Arrays.stream(boxed).mapToLong(Long::longValue).toArray();
    }

    private static int[] shuffledRows(int size, long seed) {
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) {
            rows[i] = i;
        }
        Random random = new Random(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        return rows;
    }
}
