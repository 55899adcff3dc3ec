package org.cbir.index.lsh;

/**
 * The merged, immutable part of a hash tree: its (hash, row) entries sorted by unsigned hash,
 * packed by hash length so that a tree costs at most 12 bytes per vector, the budget of
 * Bawa et al.'s flattened prefix tree (one hash and one row each):
 * <ul>
 * <li>hashes of up to 32 bits: hash and row share one {@code long} (8 bytes an entry);</li>
 * <li>longer hashes, fewer than {@value #BUCKETED_MIN_SIZE} entries: a {@code long} hash and an
 *     {@code int} row (12 bytes);</li>
 * <li>longer hashes, more entries: a directory of where each value of the first 16 hash bits
 *     starts (256 KiB), and per entry the other 48 hash bits with the row's high half in a
 *     {@code long} and its low half in a {@code char} (10 bytes, plus 0.26 bytes at a million).</li>
 * </ul>
 * Arrays are split into chunks of {@value #CHUNK} entries (at most 256 KiB), which G1 never
 * allocates as humongous objects that waste the rest of a heap region. Immutable, thread-safe
 * once published.
 */
abstract class SortedEntries implements SortedRun {
    static final int CHUNK_BITS = 15;
    static final int CHUNK = 1 << CHUNK_BITS;
    static final int CHUNK_MASK = CHUNK - 1;
    /** Trees of longer hashes with at least this many entries use the bucketed packing. */
    static final int BUCKETED_MIN_SIZE = 1 << 18;
    private static final int BUCKET_BITS = 16;

    final int size;

    private SortedEntries(int size) {
        this.size = size;
    }

    /** Packs the first {@code size} entries of {@code hashes} (sorted, unsigned) and {@code rows}. */
    static SortedEntries of(int bits, long[] hashes, int[] rows, int size) {
        if (bits <= 32) {
            return new Narrow(hashes, rows, size);
        }
        return size >= BUCKETED_MIN_SIZE ? new Bucketed(hashes, rows, size) : new Wide(hashes, rows, size);
    }

    @Override
    public final int size() {
        return size;
    }

    /** A new array of the hashes in order. */
    long[] hashes() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = hash(i);
        }
        return out;
    }

    /** A new array of the rows in order. */
    int[] rows() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /** The first index in {@code [from, to)} of the sorted {@code a} whose value is unsigned {@code >= key}. */
    static int lowerBound(long[] a, int from, int to, long key) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(a[mid], key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** {@link #lowerBound(long[], int, int, long)} over chunks, comparing {@code value & mask}. */
    static int lowerBound(long[][] chunks, int from, int to, long key, long mask) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(chunks[mid >>> CHUNK_BITS][mid & CHUNK_MASK] & mask, key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static long[][] longChunks(int size) {
        long[][] chunks = new long[(size + CHUNK_MASK) >>> CHUNK_BITS][];
        for (int c = 0; c < chunks.length; c++) {
            chunks[c] = new long[Math.min(CHUNK, size - (c << CHUNK_BITS))];
        }
        return chunks;
    }

    /** Hashes of up to 32 bits: {@code hash | row} in one {@code long}, sorted by hash. */
    static final class Narrow extends SortedEntries {
        private static final long HIGH = 0xFFFF_FFFF_0000_0000L;
        private final long[][] entries;

        Narrow(long[] hashes, int[] rows, int size) {
            super(size);
            entries = longChunks(size);
            for (int i = 0; i < size; i++) {
                entries[i >>> CHUNK_BITS][i & CHUNK_MASK] = (hashes[i] & HIGH) | (rows[i] & 0xFFFF_FFFFL);
            }
        }

        @Override
        public long hash(int i) {
            return entries[i >>> CHUNK_BITS][i & CHUNK_MASK] & HIGH;
        }

        @Override
        public int row(int i) {
            return (int) entries[i >>> CHUNK_BITS][i & CHUNK_MASK];
        }

        @Override
        public int lowerBound(long key) {
            long bound = key & HIGH;
            if ((key & ~HIGH) != 0) { // stored hashes have zero low bits: the first >= key is the next high value
                if (bound == HIGH) {
                    return size;
                }
                bound += 1L << 32;
            }
            return lowerBound(entries, 0, size, bound, HIGH);
        }
    }

    /** Longer hashes in a small tree: a {@code long} hash and an {@code int} row per entry. */
    static final class Wide extends SortedEntries {
        private final long[][] hashes;
        private final int[][] rows;

        Wide(long[] sortedHashes, int[] sortedRows, int size) {
            super(size);
            hashes = longChunks(size);
            rows = new int[hashes.length][];
            for (int c = 0; c < hashes.length; c++) {
                rows[c] = new int[hashes[c].length];
            }
            for (int i = 0; i < size; i++) {
                hashes[i >>> CHUNK_BITS][i & CHUNK_MASK] = sortedHashes[i];
                rows[i >>> CHUNK_BITS][i & CHUNK_MASK] = sortedRows[i];
            }
        }

        @Override
        public long hash(int i) {
            return hashes[i >>> CHUNK_BITS][i & CHUNK_MASK];
        }

        @Override
        public int row(int i) {
            return rows[i >>> CHUNK_BITS][i & CHUNK_MASK];
        }

        @Override
        public int lowerBound(long key) {
            return lowerBound(hashes, 0, size, key, -1L);
        }
    }

    /**
     * Longer hashes in a large tree: {@code starts[b]} is the first entry whose 16 leading hash
     * bits equal {@code b}; each entry keeps the other 48 bits and the row's high 16 bits in a
     * {@code long} and the row's low 16 bits in a {@code char}.
     */
    static final class Bucketed extends SortedEntries {
        private static final long REST = 0xFFFF_FFFF_FFFF_0000L;
        private final int[] starts = new int[(1 << BUCKET_BITS) + 1];
        private final long[][] packed;
        private final char[][] lowRows;

        Bucketed(long[] hashes, int[] rows, int size) {
            super(size);
            packed = longChunks(size);
            lowRows = new char[packed.length][];
            for (int c = 0; c < packed.length; c++) {
                lowRows[c] = new char[packed[c].length];
            }
            int bucket = 0;
            for (int i = 0; i < size; i++) {
                int b = (int) (hashes[i] >>> (64 - BUCKET_BITS));
                while (bucket < b) {
                    starts[++bucket] = i;
                }
                packed[i >>> CHUNK_BITS][i & CHUNK_MASK] = (hashes[i] << BUCKET_BITS) | (rows[i] >>> 16);
                lowRows[i >>> CHUNK_BITS][i & CHUNK_MASK] = (char) rows[i];
            }
            while (bucket < 1 << BUCKET_BITS) {
                starts[++bucket] = size;
            }
        }

        @Override
        public long hash(int i) {
            int lo = 0; // the last bucket whose start is <= i
            int hi = 1 << BUCKET_BITS;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= i) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return ((long) lo << (64 - BUCKET_BITS)) | (packed[i >>> CHUNK_BITS][i & CHUNK_MASK] >>> BUCKET_BITS);
        }

        /** All hashes bucket by bucket, without a directory search per entry. */
        @Override
        long[] hashes() {
            long[] out = new long[size];
            for (int b = 0; b < 1 << BUCKET_BITS; b++) {
                for (int i = starts[b]; i < starts[b + 1]; i++) {
                    out[i] = ((long) b << (64 - BUCKET_BITS)) | (packed[i >>> CHUNK_BITS][i & CHUNK_MASK] >>> BUCKET_BITS);
                }
            }
            return out;
        }

        @Override
        public int row(int i) {
            return (int) (packed[i >>> CHUNK_BITS][i & CHUNK_MASK] << 16) | lowRows[i >>> CHUNK_BITS][i & CHUNK_MASK];
        }

        @Override
        public int lowerBound(long key) {
            int b = (int) (key >>> (64 - BUCKET_BITS));
            return lowerBound(packed, starts[b], starts[b + 1], key << BUCKET_BITS, REST);
        }
    }
}
