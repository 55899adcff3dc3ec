package org.cbir.index.lsh;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The vectors and ids of an index by row: vectors packed into float chunks of at most
 * {@value #CHUNK_BYTES} bytes (4 bytes per value, no object per vector; chunks stay below half of
 * G1's smallest heap region, so they are never allocated as "humongous" objects that waste the
 * rest of a region), ids in {@code long} chunks of the same size. While ids arrive in increasing
 * order (the usual case: ids numbered as images are added) the row of an id is found by binary
 * search over the ids, which costs no memory beyond the ids' 8 bytes; the first id that arrives
 * out of order builds a {@link LongIntMap} (16 to 24 bytes per id), kept until a
 * {@link #compact} finds the ids in order again. Removed rows are marked dead and keep their slot
 * until {@link #compact}. Not thread-safe: the index guards it with its lock.
 */
final class VectorStore {
    static final int CHUNK_BYTES = 256 * 1024;
    private static final int ID_CHUNK_BITS = 15;
    private static final int ID_CHUNK_MASK = (1 << ID_CHUNK_BITS) - 1;

    private final int dimension;
    private final int chunkBits;
    private final int chunkMask;
    private float[][] chunks = new float[0][];
    private long[][] idChunks = new long[0][];
    private final BitSet dead = new BitSet();
    /** The row of each live id, or null while the ids of all rows increase with the row. */
    private LongIntMap rowsById;
    private int rows;
    private int live;

    VectorStore(int dimension) {
        this.dimension = dimension;
        int rowsPerChunk = Math.max(1, CHUNK_BYTES / (Float.BYTES * dimension));
        this.chunkBits = 31 - Integer.numberOfLeadingZeros(rowsPerChunk);
        this.chunkMask = (1 << chunkBits) - 1;
    }

    /** Rows in use, dead ones included. */
    int rows() {
        return rows;
    }

    /** Live vectors. */
    int size() {
        return live;
    }

    int deadCount() {
        return rows - live;
    }

    /** The dead rows (not a copy). */
    BitSet dead() {
        return dead;
    }

    boolean isDead(int row) {
        return dead.get(row);
    }

    /** Whether ids are found by binary search (they increase with the row) rather than by a map. */
    boolean idsInOrder() {
        return rowsById == null;
    }

    /** The row of live {@code id}, or -1. */
    int rowOf(long id) {
        if (rowsById != null) {
            return rowsById.get(id);
        }
        int lo = 0;
        int hi = rows - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long value = id(mid);
            if (value < id) {
                lo = mid + 1;
            } else if (value > id) {
                hi = mid - 1;
            } else {
                return dead.get(mid) ? -1 : mid;
            }
        }
        return -1;
    }

    long id(int row) {
        return idChunks[row >>> ID_CHUNK_BITS][row & ID_CHUNK_MASK];
    }

    /**
     * Appends a copy of {@code vector[offset .. offset + dimension)} under {@code id}; returns its
     * row.
     *
     * @throws IllegalArgumentException if {@code id} is present
     */
    int append(long id, float[] vector, int offset) {
        if (rowOf(id) >= 0) {
            throw new IllegalArgumentException("id " + id + " is already in the index");
        }
        if (rowsById == null && rows > 0 && id <= id(rows - 1)) {
            rowsById = mapOfLiveRows();
        }
        int row = rows;
        int chunk = row >>> chunkBits;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunk + 1);
            chunks[chunk] = new float[(chunkMask + 1) * dimension];
        }
        System.arraycopy(vector, offset, chunks[chunk], (row & chunkMask) * dimension, dimension);
        int idChunk = row >>> ID_CHUNK_BITS;
        if (idChunk == idChunks.length) {
            idChunks = Arrays.copyOf(idChunks, idChunk + 1);
            idChunks[idChunk] = new long[ID_CHUNK_MASK + 1];
        }
        idChunks[idChunk][row & ID_CHUNK_MASK] = id;
        if (rowsById != null) {
            rowsById.put(id, row);
        }
        rows++;
        live++;
        return row;
    }

    private LongIntMap mapOfLiveRows() {
        LongIntMap map = new LongIntMap(live + 1);
        for (int row = 0; row < rows; row++) {
            if (!dead.get(row)) {
                map.put(id(row), row);
            }
        }
        return map;
    }

    /** Marks the row of {@code id} dead; returns false if the id is absent. */
    boolean remove(long id) {
        int row = rowOf(id);
        if (row < 0) {
            return false;
        }
        if (rowsById != null) {
            rowsById.remove(id);
        }
        dead.set(row);
        live--;
        return true;
    }

    /** Copies the vector of {@code row} into {@code target} at {@code offset}. */
    void read(int row, float[] target, int offset) {
        System.arraycopy(chunks[row >>> chunkBits], (row & chunkMask) * dimension, target, offset, dimension);
    }

    /**
     * Drops the dead rows, moving live rows down in order, and returns the renumbering (old row to
     * new row, -1 for dead rows), or {@code null} when no row was dead.
     */
    int[] compact() {
        if (dead.isEmpty()) {
            return null;
        }
        int[] remap = new int[rows];
        int kept = 0;
        boolean inOrder = true;
        for (int row = 0; row < rows; row++) {
            if (dead.get(row)) {
                remap[row] = -1;
                continue;
            }
            remap[row] = kept;
            if (kept != row) {
                read(row, chunks[kept >>> chunkBits], (kept & chunkMask) * dimension);
                idChunks[kept >>> ID_CHUNK_BITS][kept & ID_CHUNK_MASK] = id(row);
            }
            inOrder &= kept == 0 || id(kept - 1) < id(kept);
            kept++;
        }
        rows = kept;
        chunks = Arrays.copyOf(chunks, (kept + chunkMask) >>> chunkBits);
        idChunks = Arrays.copyOf(idChunks, (kept + ID_CHUNK_MASK) >>> ID_CHUNK_BITS);
        dead.clear();
        rowsById = inOrder ? null : mapOfLiveRows();
        return remap;
    }
}
