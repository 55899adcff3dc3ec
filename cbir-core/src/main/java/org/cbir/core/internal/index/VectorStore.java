package org.cbir.core.internal.index;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
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
 * <p><b>On a mapped file</b> ({@link #onMapped}): rows {@code [0, mappedRows)} are read in place
 * from a read-only {@link MappedRows} (the operating system pages them in and out, so they need
 * no heap), rows added later live on the heap after them. Such a store removes by
 * {@link #removeMovingLast} only: when the freed row is a mapped one, the moved row's vector is
 * kept on the heap in its place (a patch), and when the last row is a mapped one the mapped rows
 * in use shrink by one; so the heap holds the added rows and one vector per patched row.
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
    /** The mapped rows, or null for a store on the heap only. */
    private final MappedRows mapped;
    /** Rows {@code [0, mappedRows)} are the mapping's; heap row {@code h} is row {@code mappedRows + h}. */
    private int mappedRows;
    /** Mapped rows that a removal overwrote with a moved row: that row's vector, on the heap. */
    private final Map<Integer, float[]> patches = new HashMap<>();

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
        this.chunkBits = Integer.numberOfTrailingZeros(requirePowerOfTwo(rowsPerChunk));
        this.chunkMask = rowsPerChunk - 1;
        this.ids = new IdRows(16);
        this.mapped = null;
    }

    private VectorStore(MappedRows mapped, long[] mappedIds, int rowsPerChunk) {
        this.dimension = mapped.dimension();
        if (mappedIds.length != mapped.rows()) {
            throw new IllegalArgumentException(mappedIds.length + " ids for " + mapped.rows() + " mapped rows");
        }
        this.chunkBits = Integer.numberOfTrailingZeros(requirePowerOfTwo(rowsPerChunk));
        this.chunkMask = rowsPerChunk - 1;
        this.ids = IdRows.of(mappedIds);
        this.mapped = mapped;
        this.mappedRows = mappedIds.length;
    }

    /**
     * A store whose first rows are {@code mapped}, under {@code mappedIds} (row {@code r} under
     * {@code mappedIds[r]}), followed by the rows appended later, in heap chunks of
     * {@code rowsPerChunk} rows (a power of two).
     *
     * @throws IllegalArgumentException if an id appears twice, or the ids are not one per mapped row
     */
    public static VectorStore onMapped(MappedRows mapped, long[] mappedIds, int rowsPerChunk) {
        return new VectorStore(mapped, mappedIds, rowsPerChunk);
    }

    /** Rows read in place from the mapped file (0 for a store on the heap only). */
    public int mappedRows() {
        return mappedRows;
    }

    /**
     * For a store on a mapped file, checks that the file was not changed in place
     * ({@link MappedRows#requireUnchanged}); nothing for a store on the heap.
     */
    public void requireMappedFileUnchanged() {
        if (mapped != null) {
            mapped.requireUnchanged();
        }
    }

    private static int requirePowerOfTwo(int rowsPerChunk) {
        if (rowsPerChunk < 1 || Integer.bitCount(rowsPerChunk) != 1) {
            throw new IllegalArgumentException("rows per chunk must be a power of two, got " + rowsPerChunk);
        }
        return rowsPerChunk;
    }

    private static int requirePositive(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        return dimension;
    }

    /**
     * Rows per heap chunk: heap row {@code r} is in chunk {@code (r - mappedRows()) >>> log2(rowsPerChunk())}.
     */
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
        if (row < mappedRows) {
            float[] patch = patches.isEmpty() ? null : patches.get(row);
            if (patch != null) {
                System.arraycopy(patch, 0, target, offset, dimension);
            } else {
                mapped.copyRow(row, target, offset);
            }
            return;
        }
        int heap = row - mappedRows;
        System.arraycopy(chunks[heap >>> chunkBits], (heap & chunkMask) * dimension, target, offset, dimension);
    }

    /**
     * The dot product of {@code query} (of {@link #dimension()} floats) with the vector of
     * {@code row}, read in place by core's vector kernel (the Vector API where the JVM has it; a
     * mapped row is copied first).
     */
    public float dot(float[] query, int row) {
        if (row < mappedRows) {
            return FloatKernels.dot(query, mappedCopy(row), 0);
        }
        int heap = row - mappedRows;
        return FloatKernels.dot(query, chunks[heap >>> chunkBits], (heap & chunkMask) * dimension);
    }

    /** The squared Euclidean distance of {@code query} to the vector of {@code row}, read as {@link #dot}. */
    public float squareDistance(float[] query, int row) {
        if (row < mappedRows) {
            return FloatKernels.squareDistance(query, mappedCopy(row), 0);
        }
        int heap = row - mappedRows;
        return FloatKernels.squareDistance(query, chunks[heap >>> chunkBits], (heap & chunkMask) * dimension);
    }

    private float[] mappedCopy(int row) {
        float[] copy = new float[dimension];
        copyRow(row, copy, 0);
        return copy;
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
        int heap = ids.rows() - mappedRows;
        int chunk = heap >>> chunkBits;
        int inChunk = heap & chunkMask;
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

    /**
     * Marks the row of {@code id} dead (it keeps its number until {@link #compact}); returns it, or -1.
     *
     * @throws IllegalStateException for a store on a mapped file
     */
    public int markRemoved(long id) {
        if (mapped != null) {
            throw new IllegalStateException("a store on a mapped file removes by moving its last row");
        }
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
            if (row < mappedRows) {
                float[] moved = new float[dimension];
                copyRow(last, moved, 0);
                patches.put(row, moved);
            } else {
                int heap = row - mappedRows;
                copyRow(last, chunks[heap >>> chunkBits], (heap & chunkMask) * dimension);
            }
        }
        ids.moveLastTo(row);
        if (last < mappedRows) { // no heap rows: the last mapped row is no longer in use
            mappedRows = last;
            patches.remove(last);
            return row;
        }
        int inUse = (last - mappedRows + chunkMask) >>> chunkBits;
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
