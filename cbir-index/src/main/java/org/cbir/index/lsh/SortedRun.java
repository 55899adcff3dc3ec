package org.cbir.index.lsh;

/**
 * Entries (hash, row) of one hash tree sorted by unsigned hash: a flattened prefix tree in which
 * every node is a contiguous range. Hashes are left-aligned in a {@code long} (first hash bit is
 * bit 63, unused low bits zero). Implementations choose the packing ({@link SortedEntries}) or
 * allow insertion ({@link SortedTail}).
 */
interface SortedRun {
    /** The number of entries. */
    int size();

    /** The hash of entry {@code i}. */
    long hash(int i);

    /** The row of entry {@code i}. */
    int row(int i);

    /** The first entry whose hash is unsigned-greater than or equal to {@code key} ({@code size()} if none). */
    int lowerBound(long key);

    /** The first entry whose hash is unsigned-greater than {@code key}. */
    default int upperBound(long key) {
        return key == -1L ? size() : lowerBound(key + 1);
    }
}
