package org.cbir.index.lsh;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The vectors and ids of an index by row: vectors packed into float chunks of at most
 * {@value #CHUNK_BYTES} bytes (4 bytes per value, no object per vector; chunks stay below half of
 * G1's smallest heap region, so they are never allocated as "humongous" objects that waste the
 * rest of a region), ids in a {@code long} array, rows by id in a {@link LongIntMap}. Removed rows
 * are marked dead and keep their slot until {@link #compact}. Not thread-safe: the index guards it
 * with its lock.
 */
final class VectorStore {
    static final int CHUNK_BYTES = 256 * 1024;

    private final int dimension;
    private final int chunkBits;
    private final int chunkMask;
    private float[][] chunks = new float[0][];
    private long[] ids = new long[16];
    private final BitSet dead = new BitSet();
    private LongIntMap rowsById = new LongIntMap(16);
    private int rows;

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
        return rowsById.size();
    }

    int deadCount() {
        return rows - rowsById.size();
    }

    /** The dead rows (not a copy). */
    BitSet dead() {
        return dead;
    }

    boolean isDead(int row) {
        return dead.get(row);
    }

    /** The row of {@code id}, or -1. */
    int rowOf(long id) {
        return rowsById.get(id);
    }

    long id(int row) {
        return ids[row];
    }

    /**
     * Appends a copy of {@code vector[offset .. offset + dimension)} under {@code id}; returns its
     * row.
     *
     * @throws IllegalArgumentException if {@code id} is present
     */
    int append(long id, float[] vector, int offset) {
        if (rowsById.get(id) >= 0) {
            throw new IllegalArgumentException("id " + id + " is already in the index");
        }
        int row = rows;
        int chunk = row >>> chunkBits;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunk + 1);
            chunks[chunk] = new float[(chunkMask + 1) * dimension];
        }
        System.arraycopy(vector, offset, chunks[chunk], (row & chunkMask) * dimension, dimension);
        if (row == ids.length) {
            ids = Arrays.copyOf(ids, Math.max(16, row + (row >> 1)));
        }
        ids[row] = id;
        rowsById.put(id, row);
        rows++;
        return row;
    }

    /** Marks the row of {@code id} dead; returns false if the id is absent. */
    boolean remove(long id) {
        int row = rowsById.remove(id);
        if (row < 0) {
            return false;
        }
        dead.set(row);
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
        int live = 0;
        for (int row = 0; row < rows; row++) {
            if (dead.get(row)) {
                remap[row] = -1;
                continue;
            }
            remap[row] = live;
            if (live != row) {
                read(row, chunks[live >>> chunkBits], (live & chunkMask) * dimension);
                ids[live] = ids[row];
            }
            live++;
        }
        rows = live;
        chunks = Arrays.copyOf(chunks, (live + chunkMask) >>> chunkBits);
        ids = Arrays.copyOf(ids, Math.max(16, live + (live >> 3)));
        rowsById = new LongIntMap(live);
        for (int row = 0; row < live; row++) {
            rowsById.put(ids[row], row);
        }
        dead.clear();
        return remap;
    }
}
