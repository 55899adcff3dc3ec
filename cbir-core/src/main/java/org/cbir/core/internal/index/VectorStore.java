package org.cbir.core.internal.index;

import java.util.Arrays;
import java.util.BitSet;
import org.cbir.core.internal.math.FloatKernels;

/**
 * The write side of an index's vectors, and its {@link VectorView}: vectors row after row in
 * float chunks of a power-of-two number of rows (no object per vector; the default chunk of at
 * most {@value #CHUNK_BYTES} bytes stays below half of G1's smallest region, so chunks are never
 * "humongous"), ids and the id-to-row map in {@link IdRows} (13 to 15.5 bytes per row, unboxed).
 * The first chunk grows by doubling, so a small index stays small.
 *
 * <p>Two ways to remove, chosen by the index: {@link #markRemoved} keeps the row numbered (dead)
 * until {@link #compact} renumbers the live rows (for an index whose structures hold row numbers:
 * the LSH Forest's trees, a graph's ordinals); {@link #removeMovingLast} moves the last row into
 * the freed one at once, so storage stays dense (for a scan, whose per-row data the caller moves
 * in step). A store uses one of the two: moving the last row needs a store without dead rows.
 *
 * <p>Not thread-safe: the owning {@link GuardedIndex} changes it under its write lock and reads
 * it under its read lock.
 */
public final class VectorStore implements VectorView {
    /** The largest default chunk, in bytes. */
    public static final int CHUNK_BYTES = 256 * 1024;
    private static final int FIRST_CHUNK_ROWS = 16;

    private final int dimension;
    private final int chunkBits;
    private final int chunkMask;
    private float[][] chunks = new float[0][];
    private IdRows ids;
    private final BitSet dead = new BitSet();

    /** An empty store with chunks of at most {@value #CHUNK_BYTES} bytes. */
    public VectorStore(int dimension) {
        this(dimension, Integer.highestOneBit(Math.max(1, CHUNK_BYTES / (Float.BYTES * requirePositive(dimension)))));
    }

    /**
     * An empty store with chunks of {@code rowsPerChunk} rows, a power of two (an index with
     * per-row data of its own in chunks of the same rows chooses it).
     *
     * @throws IllegalArgumentException if the dimension is not positive or the rows not a power of two
     */
    public VectorStore(int dimension, int rowsPerChunk) {
        this.dimension = requirePositive(dimension);
        if (rowsPerChunk < 1 || Integer.bitCount(rowsPerChunk) != 1) {
            throw new IllegalArgumentException("rows per chunk must be a power of two, got " + rowsPerChunk);
        }
        this.chunkBits = Integer.numberOfTrailingZeros(rowsPerChunk);
        this.chunkMask = rowsPerChunk - 1;
        this.ids = new IdRows(16);
    }

    private static int requirePositive(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        return dimension;
    }

    /** Rows per chunk: row {@code r} is in chunk {@code r >>> log2(rowsPerChunk())}. */
    public int rowsPerChunk() {
        return chunkMask + 1;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        return ids.liveCount();
    }

    @Override
    public int rows() {
        return ids.rows();
    }

    /** Dead rows: removed but still numbered until {@link #compact}. */
    public int deadCount() {
        return rows() - size();
    }

    /** A copy of the dead rows. */
    public BitSet deadRows() {
        return (BitSet) dead.clone();
    }

    @Override
    public long id(int row) {
        return ids.id(row);
    }

    @Override
    public int rowOf(long id) {
        return ids.rowOf(id);
    }

    @Override
    public boolean isLive(int row) {
        return !dead.get(row);
    }

    @Override
    public void copyRow(int row, float[] target, int offset) {
        System.arraycopy(chunks[row >>> chunkBits], (row & chunkMask) * dimension, target, offset, dimension);
    }

    /**
     * The dot product of {@code query} (of {@link #dimension()} floats) with the vector of
     * {@code row}, read in place by core's vector kernel (the Vector API where the JVM has it).
     */
    public float dot(float[] query, int row) {
        return FloatKernels.dot(query, chunks[row >>> chunkBits], (row & chunkMask) * dimension);
    }

    /** The squared Euclidean distance of {@code query} to the vector of {@code row}, read in place as {@link #dot}. */
    public float squareDistance(float[] query, int row) {
        return FloatKernels.squareDistance(query, chunks[row >>> chunkBits], (row & chunkMask) * dimension);
    }

    /**
     * Appends a copy of {@code vector[offset .. offset + dimension)} under {@code id}; returns
     * its row, {@link #rows()} before the call.
     *
     * @throws IllegalArgumentException if {@code id} is present
     */
    public int append(long id, float[] vector, int offset) {
        if (ids.rowOf(id) >= 0) {
            throw new IllegalArgumentException("id " + id + " is already in the index");
        }
        int row = ids.rows();
        int chunk = row >>> chunkBits;
        int inChunk = row & chunkMask;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunk + 1);
            int first = chunk == 0 ? Math.min(rowsPerChunk(), FIRST_CHUNK_ROWS) : rowsPerChunk();
            chunks[chunk] = new float[first * dimension];
        } else if (chunks[chunk].length < (inChunk + 1) * dimension) {
            chunks[chunk] = Arrays.copyOf(chunks[chunk], Math.min(rowsPerChunk(), 2 * inChunk) * dimension);
        }
        System.arraycopy(vector, offset, chunks[chunk], inChunk * dimension, dimension);
        return ids.append(id);
    }

    /** Marks the row of {@code id} dead (it keeps its number until {@link #compact}); returns it, or -1. */
    public int markRemoved(long id) {
        int row = ids.unlink(id);
        if (row >= 0) {
            dead.set(row);
        }
        return row;
    }

    /**
     * Removes the row of {@code id} by moving the last row into it; returns the freed row (which
     * now holds what row {@link #rows()} held: an index moves its own per-row data the same way),
     * or -1 when the id is absent.
     *
     * @throws IllegalStateException if the store has dead rows
     */
    public int removeMovingLast(long id) {
        if (!dead.isEmpty()) {
            throw new IllegalStateException("a store with dead rows cannot move its last row");
        }
        int row = ids.unlink(id);
        if (row < 0) {
            return -1;
        }
        int last = ids.rows() - 1;
        if (row != last) {
            copyRow(last, chunks[row >>> chunkBits], (row & chunkMask) * dimension);
        }
        ids.moveLastTo(row);
        int inUse = (last + chunkMask) >>> chunkBits;
        if (inUse < chunks.length - 1) {
            chunks = Arrays.copyOf(chunks, inUse + 1); // keep one spare chunk
        }
        return row;
    }

    /**
     * Drops the dead rows, moving the live ones down in order, and returns the renumbering (old
     * row to new row, -1 for a dead row), or {@code null} when no row was dead.
     */
    public int[] compact() {
        if (dead.isEmpty()) {
            return null;
        }
        int rows = ids.rows();
        int[] remap = new int[rows];
        IdRows kept = new IdRows(ids.liveCount());
        for (int row = 0; row < rows; row++) {
            if (dead.get(row)) {
                remap[row] = -1;
                continue;
            }
            int to = kept.append(ids.id(row));
            remap[row] = to;
            if (to != row) {
                copyRow(row, chunks[to >>> chunkBits], (to & chunkMask) * dimension);
            }
        }
        ids = kept;
        chunks = Arrays.copyOf(chunks, (kept.rows() + chunkMask) >>> chunkBits);
        dead.clear();
        return remap;
    }
}
