package org.cbir.index.lsh;

import java.util.Arrays;

/**
 * The delta buffer of a hash tree, between insertions and the tree's next merge: a sorted run
 * that queries binary-search like the main part, fed by a few recent entries kept unsorted
 * ({@value #PENDING} at most, which queries scan) and merged into the sorted run a batch at a time,
 * so an insertion costs amortised {@code size() / PENDING} moves rather than {@code size()}.
 * Plain arrays, 12 bytes an entry plus growth room. Not thread-safe.
 */
final class SortedTail implements SortedRun {
    static final int PENDING = 256;

    private long[] hashes = new long[16];
    private int[] rows = new int[16];
    /** Entries [0, sorted) are sorted; [sorted, size) are pending, in insertion order. */
    private int sorted;
    private int size;

    /** The sorted entries; {@link #pending()} more follow them. */
    @Override
    public int size() {
        return sorted;
    }

    /** The entries, sorted and pending. */
    int total() {
        return size;
    }

    /** The number of pending (unsorted) entries, at indexes {@code size() .. total() - 1}. */
    int pending() {
        return size - sorted;
    }

    /** The hash of entry {@code i}, sorted or pending. */
    @Override
    public long hash(int i) {
        return hashes[i];
    }

    /** The row of entry {@code i}, sorted or pending. */
    @Override
    public int row(int i) {
        return rows[i];
    }

    @Override
    public int lowerBound(long key) {
        return SortedEntries.lowerBound(hashes, 0, sorted, key);
    }

    /** Adds an entry; every {@value #PENDING} entries the pending ones are merged into the sorted run. */
    void insert(long hash, int row) {
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
            rows = Arrays.copyOf(rows, size * 2);
        }
        hashes[size] = hash;
        rows[size++] = row;
        if (pending() >= PENDING) {
            sortPending();
        }
    }

    /** Merges the pending entries into the sorted run, so that {@link #size()} covers all entries. */
    void sortPending() {
        int count = pending();
        long[] newHashes = Arrays.copyOfRange(hashes, sorted, size);
        int[] newRows = Arrays.copyOfRange(rows, sorted, size);
        for (int i = 1; i < count; i++) { // insertion sort: stable, and the batch is small
            long h = newHashes[i];
            int r = newRows[i];
            int j = i - 1;
            for (; j >= 0 && Long.compareUnsigned(newHashes[j], h) > 0; j--) {
                newHashes[j + 1] = newHashes[j];
                newRows[j + 1] = newRows[j];
            }
            newHashes[j + 1] = h;
            newRows[j + 1] = r;
        }
        int i = sorted - 1; // merge from the back, the new entries after equal old ones
        int j = count - 1;
        for (int k = size - 1; j >= 0; k--) {
            if (i >= 0 && Long.compareUnsigned(hashes[i], newHashes[j]) > 0) {
                hashes[k] = hashes[i];
                rows[k] = rows[i--];
            } else {
                hashes[k] = newHashes[j];
                rows[k] = newRows[j--];
            }
        }
        sorted = size;
    }

    /** Empties the buffer, releasing a large array. */
    void clear() {
        sorted = 0;
        size = 0;
        if (hashes.length > 1024) {
            hashes = new long[16];
            rows = new int[16];
        }
    }
}
