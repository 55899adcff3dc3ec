package org.cbir.index.lsh;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The vectors and ids of an index by row: vectors packed into float chunks of
 * {@value #CHUNK_ROWS} rows (4 bytes per value, no per-vector object), ids in a {@code long}
 * array, rows by id in a {@link LongIntMap}. Removed rows are marked dead and keep their slot
 * until {@link #compact}. Not thread-safe: the index guards it with its lock.
 */
final class VectorStore {
    static final int CHUNK_BITS = 12;
    static final int CHUNK_ROWS = 1 << CHUNK_BITS;

    private final int dimension;
    private float[][] chunks = new float[0][];
    private long[] ids = new long[16];
    private final BitSet dead = new BitSet();
    private LongIntMap rowsById = new LongIntMap(16);
    private int rows;

    VectorStore(int dimension) {
        this.dimension = dimension;
    }

    /**
     * A store of the live rows {@code 0 .. ids.length - 1} read from a file: {@code chunks} as
     * {@link #chunk} returns them.
     *
     * @throws IllegalArgumentException if an id repeats or the chunks do not fit the rows
     */
    static VectorStore restore(int dimension, long[] ids, float[][] chunks) {
        VectorStore store = new VectorStore(dimension);
        int expectedChunks = (ids.length + CHUNK_ROWS - 1) >>> CHUNK_BITS;
        if (chunks.length != expectedChunks) {
            throw new IllegalArgumentException(chunks.length + " vector chunks for " + ids.length + " rows");
        }
        for (int c = 0; c < chunks.length; c++) {
            int rowsInChunk = Math.min(CHUNK_ROWS, ids.length - c * CHUNK_ROWS);
            if (chunks[c].length != rowsInChunk * dimension) {
                throw new IllegalArgumentException("vector chunk " + c + " has " + chunks[c].length
                        + " values, expected " + rowsInChunk * dimension);
            }
            chunks[c] = Arrays.copyOf(chunks[c], CHUNK_ROWS * dimension);
        }
        store.chunks = chunks;
        store.ids = ids.length < 16 ? Arrays.copyOf(ids, 16) : ids;
        store.rowsById = new LongIntMap(ids.length);
        for (int row = 0; row < ids.length; row++) {
            if (store.rowsById.get(ids[row]) >= 0) {
                throw new IllegalArgumentException("id " + ids[row] + " appears twice");
            }
            store.rowsById.put(ids[row], row);
        }
        store.rows = ids.length;
        return store;
    }

    /** The number of chunks in use. */
    int chunkCount() {
        return (rows + CHUNK_ROWS - 1) >>> CHUNK_BITS;
    }

    /** The used part of chunk {@code c}, as a new array; the store must have no dead rows. */
    float[] chunk(int c) {
        int rowsInChunk = Math.min(CHUNK_ROWS, rows - c * CHUNK_ROWS);
        return Arrays.copyOf(chunks[c], rowsInChunk * dimension);
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

    /** Appends a copy of {@code vector} under {@code id} (not present, checked by the caller); returns its row. */
    int append(long id, float[] vector) {
        int row = rows;
        int chunk = row >>> CHUNK_BITS;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunk + 1);
            chunks[chunk] = new float[CHUNK_ROWS * dimension];
        }
        System.arraycopy(vector, 0, chunks[chunk], (row & (CHUNK_ROWS - 1)) * dimension, dimension);
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

    /** Copies the vector of {@code row} into {@code target}. */
    void read(int row, float[] target) {
        System.arraycopy(chunks[row >>> CHUNK_BITS], (row & (CHUNK_ROWS - 1)) * dimension, target, 0, dimension);
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
        float[] buffer = new float[dimension];
        int live = 0;
        for (int row = 0; row < rows; row++) {
            if (dead.get(row)) {
                remap[row] = -1;
                continue;
            }
            remap[row] = live;
            if (live != row) {
                read(row, buffer);
                System.arraycopy(buffer, 0, chunks[live >>> CHUNK_BITS], (live & (CHUNK_ROWS - 1)) * dimension,
                        dimension);
                ids[live] = ids[row];
            }
            live++;
        }
        rows = live;
        chunks = Arrays.copyOf(chunks, (live + CHUNK_ROWS - 1) >>> CHUNK_BITS);
        rowsById = new LongIntMap(live);
        for (int row = 0; row < live; row++) {
            rowsById.put(ids[row], row);
        }
        dead.clear();
        return remap;
    }
}
