package org.cbir.index.lsh;

import java.util.BitSet;
import java.util.function.IntConsumer;

/**
 * One tree of an LSH Forest, stored as Bawa et al. suggest and scikit-learn did: the hashes of all
 * rows sorted as unsigned numbers (a prefix tree flattened, so that every node is a contiguous
 * range found by binary search), with the row of each; at most 12 bytes per row
 * ({@link SortedEntries}). Hashes are left-aligned: the first hash bit is bit 63, and the unused
 * low bits are zero, so the length of the common prefix of two hashes is
 * {@code numberOfLeadingZeros(a ^ b)}.
 *
 * <p>Inserts go to a small sorted delta buffer ({@link SortedTail}) that queries search like the
 * main part and that {@link #rebuild} merges into it (the index decides when); removed rows stay
 * until that merge and are skipped by queries. Not thread-safe: the index guards every tree with
 * its lock.
 */
final class HashTree {
    private final int bits;
    private SortedEntries sorted;
    private final SortedTail tail = new SortedTail();

    /** A tree over {@code sortedHashes} (sorted unsigned) and their {@code rows}; the arrays are not kept. */
    HashTree(int bits, long[] sortedHashes, int[] rows) {
        this.bits = bits;
        this.sorted = SortedEntries.of(bits, sortedHashes, rows, sortedHashes.length);
    }

    /** An empty tree for hashes of {@code bits} bits. */
    HashTree(int bits) {
        this(bits, new long[0], new int[0]);
    }

    int sortedSize() {
        return sorted.size();
    }

    /** Entries in the delta buffer. */
    int tailSize() {
        return tail.total();
    }

    /** A new array of the merged hashes in order (for saving). */
    long[] sortedHashes() {
        return sorted.hashes();
    }

    /** A new array of the rows of {@link #sortedHashes()} (for saving). */
    int[] sortedRows() {
        return sorted.rows();
    }

    /** Adds a row to the sorted delta buffer. */
    void append(long hash, int row) {
        tail.insert(hash, row);
    }

    /**
     * Merges the delta buffer into the sorted part, drops the entries of {@code dead} rows and
     * renumbers rows through {@code remap} (old row to new row; {@code null} keeps the numbers).
     */
    void rebuild(BitSet dead, int[] remap) {
        tail.sortPending();
        long[] oldHashes = sorted.hashes(); // one pass, cheaper than a lookup per entry in the bucketed packing
        int total = sorted.size() + tail.size();
        long[] mergedHashes = new long[total];
        int[] mergedRows = new int[total];
        int out = 0;
        int s = 0;
        int t = 0;
        while (s < sorted.size() || t < tail.size()) {
            boolean fromSorted = t == tail.size()
                    || (s < sorted.size() && Long.compareUnsigned(oldHashes[s], tail.hash(t)) <= 0);
            long hash = fromSorted ? oldHashes[s] : tail.hash(t);
            int row = fromSorted ? sorted.row(s++) : tail.row(t++);
            if (!dead.get(row)) {
                mergedHashes[out] = hash;
                mergedRows[out++] = remap == null ? row : remap[row];
            }
        }
        sorted = null; // let the old packing go before the new one is allocated
        oldHashes = null;
        sorted = SortedEntries.of(bits, mergedHashes, mergedRows, out);
        tail.clear();
    }

    /** The state of one query's descent in this tree. */
    Descent descent(long query) {
        return new Descent(query);
    }

    private int commonPrefix(long a, long b) {
        return Math.min(bits, Long.numberOfLeadingZeros(a ^ b));
    }

    /**
     * A query's walk from the deepest matching node towards the root: {@link #visit} at
     * decreasing depths reports each row whose hash shares at least {@code depth} leading bits
     * with the query, once, the first time the walk reaches a depth where it matches.
     */
    final class Descent {
        private final long query;
        private final int longestMatch;
        private final Range main;
        private final Range delta;
        /** Pending tail entries by decreasing match length; pendingStart[bits - m] = first with length m. */
        private final int[] pendingByMatch;
        private final int[] pendingStart;
        private int pendingDone;

        private Descent(long query) {
            this.query = query;
            this.main = new Range(sorted);
            this.delta = new Range(tail);
            int longest = Math.max(main.longestMatch(), delta.longestMatch());
            int first = tail.size();
            int count = tail.pending();
            int[] match = new int[count];
            pendingStart = new int[bits + 2];
            for (int i = 0; i < count; i++) {
                match[i] = commonPrefix(query, tail.hash(first + i));
                pendingStart[bits - match[i] + 1]++;
                longest = Math.max(longest, match[i]);
            }
            for (int i = 1; i < pendingStart.length; i++) { // counting sort, deepest match first
                pendingStart[i] += pendingStart[i - 1];
            }
            int[] next = pendingStart.clone();
            pendingByMatch = new int[count];
            for (int i = 0; i < count; i++) {
                pendingByMatch[next[bits - match[i]]++] = first + i;
            }
            this.longestMatch = longest;
        }

        /** The length of the longest prefix that a stored hash shares with the query (0 when empty). */
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
            main.widen(query & mask, query | ~mask, sink);
            delta.widen(query & mask, query | ~mask, sink);
            for (int end = pendingStart[bits - depth + 1]; pendingDone < end; pendingDone++) {
                sink.accept(tail.row(pendingByMatch[pendingDone]));
            }
        }

        /** The range of one sorted run reported so far, which only grows. */
        private final class Range {
            private final SortedRun run;
            private int lo;
            private int hi;

            Range(SortedRun run) {
                this.run = run;
                int insertion = run.lowerBound(query);
                lo = insertion;
                hi = insertion;
            }

            int longestMatch() {
                int longest = 0;
                if (lo < run.size()) {
                    longest = commonPrefix(query, run.hash(lo));
                }
                if (lo > 0) {
                    longest = Math.max(longest, commonPrefix(query, run.hash(lo - 1)));
                }
                return longest;
            }

            void widen(long from, long to, IntConsumer sink) {
                int newLo = run.lowerBound(from);
                int newHi = run.upperBound(to);
                if (lo == hi) { // nothing reported yet
                    lo = newLo;
                    hi = newLo;
                }
                for (int i = newLo; i < lo; i++) {
                    sink.accept(run.row(i));
                }
                for (int i = hi; i < newHi; i++) {
                    sink.accept(run.row(i));
                }
                lo = Math.min(lo, newLo);
                hi = Math.max(hi, newHi);
            }
        }
    }
}
