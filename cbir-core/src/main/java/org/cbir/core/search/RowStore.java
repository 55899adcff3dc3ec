package org.cbir.core.search;

import java.util.Arrays;
import org.cbir.core.math.VectorMath;

/**
 * The vectors of an {@link ExactIndex}: rows of {@code dimension} floats, each with an id, stored
 * contiguously so that a scan streams through memory. Rows {@code [0, mappedRows)} come from a
 * read-only {@link MappedRows} (a mapped load; removing one of them only marks it dead), the
 * rest live on the heap in chunks of {@link #rowsPerBlock()} rows (about 256 KiB, so one chunk
 * stays in the L2 cache while a batch of queries scans it); removing a heap row moves the last
 * heap row into its place. The first chunk grows by doubling, so a small index stays small.
 *
 * <p>Memory per heap row: {@code 4 * dimension} bytes of floats, the id and its hash slot
 * ({@link IdRows}, about 18 bytes), and with {@code keepInverseNorms} 4 bytes for
 * {@code 1 / |v|} (which makes a cosine scan one dot product per row).
 *
 * <p>Not thread-safe: {@link ExactIndex} guards it with its read/write lock.
 */
final class RowStore {
    private static final int BLOCK_FLOATS = 1 << 16;
    private static final int FIRST_CHUNK_ROWS = 16;
    /** Rows whose norm lies outside this range may overflow or underflow the float kernels. */
    private static final double MAX_SAFE_NORM = 1e30;
    private static final double MIN_SAFE_NORM = 1e-30;

    private final int dimension;
    private final int rowsPerBlock;
    private final MappedRows mapped;
    private final int mappedRows;
    private final long[] dead;
    private int deadRows;
    private float[][] chunks = new float[0][];
    private int heapRows;
    private float[] inverseNorms;
    private boolean extremeRows;
    private final IdRows ids;

    /** A store of heap rows only. */
    RowStore(int dimension, boolean keepInverseNorms) {
        this(dimension, keepInverseNorms, null, new long[0]);
    }

    /**
     * A store whose first rows are {@code mapped}, with ids {@code mappedIds}, followed by heap
     * rows added later.
     *
     * @throws IllegalArgumentException if an id appears twice
     */
    RowStore(int dimension, boolean keepInverseNorms, MappedRows mapped, long[] mappedIds) {
        this.dimension = dimension;
        this.rowsPerBlock = rowsPerBlock(dimension);
        this.mapped = mapped;
        this.mappedRows = mappedIds.length;
        this.dead = new long[(mappedRows + 63) >>> 6];
        this.ids = new IdRows(mappedRows);
        this.inverseNorms = keepInverseNorms ? new float[Math.max(8, mappedRows)] : null;
        for (long id : mappedIds) {
            if (ids.rowOf(id) >= 0) {
                throw new IllegalArgumentException("id " + id + " appears twice");
            }
            ids.append(id);
        }
        if (keepInverseNorms) {
            float[] row = new float[dimension];
            for (int r = 0; r < mappedRows; r++) {
                mapped.copyRow(r, row);
                noteNorm(r, row);
            }
        }
    }

    /** Rows per scan block and per heap chunk: about 64 Ki floats, at least one row. */
    static int rowsPerBlock(int dimension) {
        return Math.max(1, BLOCK_FLOATS / dimension);
    }

    int dimension() {
        return dimension;
    }

    int rowsPerBlock() {
        return rowsPerBlock;
    }

    /** Live rows: mapped rows not removed plus heap rows. */
    int size() {
        return mappedRows - deadRows + heapRows;
    }

    /** Rows including dead ones: the row numbers in use are {@code [0, rows())}. */
    int rows() {
        return mappedRows + heapRows;
    }

    /** Whether some mapped rows were removed (a scan must then skip them). */
    boolean hasDeadRows() {
        return deadRows > 0;
    }

    boolean isDead(int row) {
        return row < mappedRows && (dead[row >>> 6] & (1L << row)) != 0;
    }

    /**
     * Whether some stored vector has a norm so large or small (or not finite) that the float
     * kernels could overflow or underflow; tracked only with {@code keepInverseNorms}.
     */
    boolean hasExtremeRows() {
        return extremeRows;
    }

    long id(int row) {
        return ids.id(row);
    }

    /** The live row of {@code id}, or -1. */
    int rowOf(long id) {
        return ids.rowOf(id);
    }

    /** {@code 1 / |v|} of the row's vector (0 for a zero vector); only with {@code keepInverseNorms}. */
    float inverseNorm(int row) {
        return inverseNorms[row];
    }

    /** Appends {@code vector} (copied) under {@code id}, which must not be present. */
    void add(long id, float[] vector) {
        int chunk = heapRows / rowsPerBlock;
        int inChunk = heapRows - chunk * rowsPerBlock;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunk + 1);
            chunks[chunk] = new float[(chunk == 0 ? Math.min(rowsPerBlock, FIRST_CHUNK_ROWS) : rowsPerBlock) * dimension];
        } else if (chunks[chunk].length < (inChunk + 1) * dimension) {
            chunks[chunk] = Arrays.copyOf(chunks[chunk], Math.min(rowsPerBlock, 2 * inChunk) * dimension);
        }
        System.arraycopy(vector, 0, chunks[chunk], inChunk * dimension, dimension);
        int row = ids.append(id);
        heapRows++;
        if (inverseNorms != null && row >= inverseNorms.length) {
            inverseNorms = Arrays.copyOf(inverseNorms, Math.max(row + 1, inverseNorms.length + (inverseNorms.length >> 1)));
        }
        noteNorm(row, vector);
    }

    /** Removes the row of {@code id}; returns whether there was one. */
    boolean remove(long id) {
        int row = ids.unlink(id);
        if (row < 0) {
            return false;
        }
        if (row < mappedRows) {
            dead[row >>> 6] |= 1L << row;
            deadRows++;
            return true;
        }
        int last = rows() - 1;
        if (row != last) {
            int lastChunk = (last - mappedRows) / rowsPerBlock;
            int lastOffset = (last - mappedRows - lastChunk * rowsPerBlock) * dimension;
            System.arraycopy(chunks[lastChunk], lastOffset, chunks[chunkOf(row)], offsetOf(row), dimension);
            if (inverseNorms != null) {
                inverseNorms[row] = inverseNorms[last];
            }
        }
        ids.moveLastTo(row);
        heapRows--;
        int chunksInUse = (heapRows + rowsPerBlock - 1) / rowsPerBlock;
        if (chunksInUse < chunks.length - 1) {
            chunks = Arrays.copyOf(chunks, chunksInUse + 1); // keep one spare chunk
        }
        return true;
    }

    /** Copies the vector of {@code row} into {@code target} from index 0. */
    void copyRow(int row, float[] target) {
        if (row < mappedRows) {
            mapped.copyRow(row, target);
        } else {
            System.arraycopy(chunks[chunkOf(row)], offsetOf(row), target, 0, dimension);
        }
    }

    /** Scan blocks: mapped blocks first, then one per heap chunk in use. */
    int blocks() {
        return (mappedRows + rowsPerBlock - 1) / rowsPerBlock + (heapRows + rowsPerBlock - 1) / rowsPerBlock;
    }

    /**
     * Block {@code b} of {@link #blocks()}: heap rows are read in place, mapped rows are first
     * copied into {@code scratch} (at least {@code rowsPerBlock * dimension} floats, owned by the
     * calling thread).
     */
    Block block(int b, float[] scratch) {
        int mappedBlocks = (mappedRows + rowsPerBlock - 1) / rowsPerBlock;
        if (b < mappedBlocks) {
            int first = b * rowsPerBlock;
            int count = Math.min(rowsPerBlock, mappedRows - first);
            mapped.copyRows(first, count, scratch);
            return new Block(scratch, 0, first, count);
        }
        int chunk = b - mappedBlocks;
        int first = chunk * rowsPerBlock;
        return new Block(chunks[chunk], 0, mappedRows + first, Math.min(rowsPerBlock, heapRows - first));
    }

    /** Rows {@code [firstRow, firstRow + rows)}, row {@code i} at {@code data[offset + i * dimension]}. */
    record Block(float[] data, int offset, int firstRow, int rows) {
    }

    private int chunkOf(int row) {
        return (row - mappedRows) / rowsPerBlock;
    }

    private int offsetOf(int row) {
        return (row - mappedRows - chunkOf(row) * rowsPerBlock) * dimension;
    }

    private void noteNorm(int row, float[] vector) {
        if (inverseNorms == null) {
            return;
        }
        double norm = VectorMath.norm(vector);
        if (!(norm <= MAX_SAFE_NORM) || (norm > 0 && norm < MIN_SAFE_NORM)) {
            extremeRows = true;
        }
        inverseNorms[row] = norm == 0 ? 0f : (float) (1 / norm);
    }
}
