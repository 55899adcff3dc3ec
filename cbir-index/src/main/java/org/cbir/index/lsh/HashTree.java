package org.cbir.index.lsh;

import java.util.Arrays;
import java.util.BitSet;
import java.util.function.IntConsumer;

/**
 * One tree of an LSH Forest, stored as Bawa et al. suggest and scikit-learn did: the hashes of all
 * rows in one array sorted as unsigned numbers (a prefix tree flattened, so that every node is a
 * contiguous range found by binary search), with the rows in a parallel array; 12 bytes per row.
 * Hashes are left-aligned: the first hash bit is bit 63, and the unused low bits are zero, so the
 * length of the common prefix of two hashes is {@code numberOfLeadingZeros(a ^ b)}.
 *
 * <p>Inserts go to an unsorted tail that {@link #rebuild} merges into the sorted part (the index
 * decides when); removed rows stay until that merge and are skipped by queries. Not thread-safe:
 * the index guards every tree with its lock.
 */
final class HashTree {
    private final int bits;
    private long[] hashes;
    private int[] rows;
    private long[] tailHashes = new long[16];
    private int[] tailRows = new int[16];
    private int tailSize;

    HashTree(int bits, long[] sortedHashes, int[] rows) {
        this.bits = bits;
        this.hashes = sortedHashes;
        this.rows = rows;
    }

    /** An empty tree for hashes of {@code bits} bits. */
    HashTree(int bits) {
        this(bits, new long[0], new int[0]);
    }

    int sortedSize() {
        return hashes.length;
    }

    int tailSize() {
        return tailSize;
    }

    /** The sorted hashes (not a copy: for saving only). */
    long[] sortedHashes() {
        return hashes;
    }

    /** The rows of the sorted hashes (not a copy: for saving only). */
    int[] sortedRows() {
        return rows;
    }

    /** Adds a row to the unsorted tail. */
    void append(long hash, int row) {
        if (tailSize == tailHashes.length) {
            tailHashes = Arrays.copyOf(tailHashes, tailSize * 2);
            tailRows = Arrays.copyOf(tailRows, tailSize * 2);
        }
        tailHashes[tailSize] = hash;
        tailRows[tailSize] = row;
        tailSize++;
    }

    /**
     * Merges the tail into the sorted part, drops the entries of {@code dead} rows and renumbers
     * rows through {@code remap} (old row to new row; {@code null} keeps the numbers).
     */
    void rebuild(BitSet dead, int[] remap) {
        Integer[] order = new Integer[tailSize];
        for (int i = 0; i < tailSize; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(tailHashes[a], tailHashes[b]));
        int live = 0;
        for (int row : rows) {
            live += dead.get(row) ? 0 : 1;
        }
        for (int i = 0; i < tailSize; i++) {
            live += dead.get(tailRows[i]) ? 0 : 1;
        }
        long[] mergedHashes = new long[live];
        int[] mergedRows = new int[live];
        int out = 0;
        int s = 0;
        int t = 0;
        while (s < hashes.length || t < tailSize) {
            boolean fromSorted = t == tailSize
                    || (s < hashes.length && Long.compareUnsigned(hashes[s], tailHashes[order[t]]) <= 0);
            long hash;
            int row;
            if (fromSorted) {
                hash = hashes[s];
                row = rows[s++];
            } else {
                hash = tailHashes[order[t]];
                row = tailRows[order[t++]];
            }
            if (!dead.get(row)) {
                mergedHashes[out] = hash;
                mergedRows[out++] = remap == null ? row : remap[row];
            }
        }
        hashes = mergedHashes;
        rows = mergedRows;
        tailSize = 0;
        if (tailHashes.length > 1024) {
            tailHashes = new long[16];
            tailRows = new int[16];
        }
    }

    /** The state of one query's descent in this tree. */
    Descent descent(long query) {
        return new Descent(query);
    }

    private int commonPrefix(long a, long b) {
        return Math.min(bits, Long.numberOfLeadingZeros(a ^ b));
    }

    /** First index whose hash is unsigned-greater than or equal to {@code key}. */
    private int lowerBound(long key) {
        int lo = 0;
        int hi = hashes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(hashes[mid], key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose hash is unsigned-greater than {@code key}. */
    private int upperBound(long key) {
        int lo = 0;
        int hi = hashes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(hashes[mid], key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * A query's walk from the deepest matching node towards the root: {@link #visit} at
     * decreasing depths reports each row whose hash shares at least {@code depth} leading bits
     * with the query, once, the first time the walk reaches a depth where it matches.
     */
    final class Descent {
        private final long query;
        private final int longestMatch;
        private int lo;
        private int hi;
        /** Tail positions sorted by decreasing match length; depthStart[m] = first with length m. */
        private final int[] tailByMatch;
        private final int[] depthStart;
        private int tailDone;

        private Descent(long query) {
            this.query = query;
            int insertion = lowerBound(query);
            int longest = 0;
            if (insertion < hashes.length) {
                longest = commonPrefix(query, hashes[insertion]);
            }
            if (insertion > 0) {
                longest = Math.max(longest, commonPrefix(query, hashes[insertion - 1]));
            }
            lo = insertion;
            hi = insertion;
            int[] counts = new int[bits + 2];
            int[] match = new int[tailSize];
            for (int i = 0; i < tailSize; i++) {
                match[i] = commonPrefix(query, tailHashes[i]);
                counts[bits - match[i] + 1]++;
                longest = Math.max(longest, match[i]);
            }
            // counting sort, deepest match first: depthStart indexed by (bits - match)
            depthStart = new int[bits + 2];
            for (int i = 1; i < counts.length; i++) {
                depthStart[i] = depthStart[i - 1] + counts[i];
            }
            int[] next = depthStart.clone();
            tailByMatch = new int[tailSize];
            for (int i = 0; i < tailSize; i++) {
                tailByMatch[next[bits - match[i]]++] = i;
            }
            this.longestMatch = tailSize == 0 && hashes.length == 0 ? 0 : longest;
        }

        /** The length of the longest prefix that a stored hash shares with the query. */
        int longestMatch() {
            return longestMatch;
        }

        /**
         * Reports to {@code sink} the rows (dead ones included; the caller filters) that match
         * the query's first {@code depth} bits and were not reported before. Depths must
         * decrease from call to call.
         */
        void visit(int depth, IntConsumer sink) {
            long mask = depth == 0 ? 0 : -1L << (64 - depth);
            int newLo = lowerBound(query & mask);
            int newHi = upperBound(query | ~mask);
            if (lo == hi) { // nothing reported yet
                lo = newLo;
                hi = newLo;
            }
            for (int i = newLo; i < lo; i++) {
                sink.accept(rows[i]);
            }
            for (int i = hi; i < newHi; i++) {
                sink.accept(rows[i]);
            }
            lo = Math.min(lo, newLo);
            hi = Math.max(hi, newHi);
            int end = depthStart[bits - depth + 1];
            for (; tailDone < end; tailDone++) {
                sink.accept(tailRows[tailByMatch[tailDone]]);
            }
        }
    }
}
