package org.cbir.core.internal.search;

import java.util.Arrays;
import org.cbir.core.internal.index.IdRows;
import org.cbir.core.internal.index.MappedRows;
import org.cbir.core.internal.index.VectorView;
import org.cbir.core.internal.math.RowTiles;
import org.cbir.core.internal.math.VectorMath;

/**
 * The vectors of an {@link ExactScanIndex}: rows of {@code dimension} floats, each with an id, stored
 * contiguously in tiles of {@link RowTiles#WIDTH} rows (dimension-major inside a tile, see
 * {@link RowTiles}) so that a scan streams through memory and scores a tile of rows per
 * instruction. Rows {@code [0, mappedRows)} come from a read-only {@link MappedRows} (a mapped
 * load, stored row after row; a scan copies a block into tiles; removing one of them only marks
 * it dead), the rest live on the heap in chunks of {@link #rowsPerBlock()} rows (about 256 KiB,
 * so one chunk stays in the L2 cache while a batch of queries scans it); removing a heap row
 * moves the last heap row into its place. The first chunk grows by doubling, so a small index
 * stays small.
 *
 * <p>Memory per heap row: {@code 4 * dimension} bytes of floats and 13 to 15.5 bytes for the id
 * and its hash slot ({@link IdRows}); norms are not stored (a cosine scan recomputes them from
 * the rows it reads, which costs no extra memory traffic).
 *
 * <p>The exact scan's own layout behind the {@link VectorView} that every index reads (tiles
 * instead of {@link org.cbir.core.internal.index.VectorStore}'s rows, for the tile kernels).
 * Not thread-safe: {@link ExactScanIndex} guards it with its read/write lock.
 */
final class RowStore implements VectorView {
    private static final int W = RowTiles.WIDTH;
    /** Floats per chunk: just under 256 KiB, so that chunks pack the collector's regions (whose sizes are
     * multiples of 1 MiB) with no gap: a chunk of exactly 256 KiB plus its header fits 15 times in 4 MiB. */
    private static final int BLOCK_FLOATS = (1 << 16) - 64;
    private static final int FIRST_CHUNK_ROWS = 16;
    /**
     * Rows whose norm lies outside this range could overflow or underflow the float kernels
     * (the squared norm must stay a normal float, far from overflow).
     */
    private static final double MAX_SAFE_NORM = 1e15;
    private static final double MIN_SAFE_NORM = 1e-15;

    private final int dimension;
    private final int rowsPerBlock;
    private final MappedRows mapped;
    private final int mappedRows;
    private final long[] dead;
    private final boolean checkNorms;
    private int deadRows;
    private float[][] chunks = new float[0][];
    private int heapRows;
    private boolean extremeRows;
    private final IdRows ids;

    /** A store of heap rows only; {@code checkNorms} tracks {@link #hasExtremeRows()}. */
    RowStore(int dimension, boolean checkNorms) {
        this(dimension, checkNorms, null, new long[0]);
    }

    /**
     * A store whose first rows are {@code mapped}, with ids {@code mappedIds}, followed by heap
     * rows added later.
     *
     * @throws IllegalArgumentException if an id appears twice
     */
    RowStore(int dimension, boolean checkNorms, MappedRows mapped, long[] mappedIds) {
        this.dimension = dimension;
        this.rowsPerBlock = rowsPerBlock(dimension);
        this.mapped = mapped;
        this.mappedRows = mappedIds.length;
        this.dead = new long[(mappedRows + 63) >>> 6];
        this.checkNorms = checkNorms;
        this.ids = IdRows.of(mappedIds);
        if (checkNorms) {
            float[] row = new float[dimension];
            for (int r = 0; r < mappedRows && !extremeRows; r++) {
                mapped.copyRow(r, row);
                noteNorm(row);
            }
        }
    }

    /** Rows per scan block and per heap chunk: about 64 Ki floats, a multiple of the tile width. */
    static int rowsPerBlock(int dimension) {
        return Math.max(W, BLOCK_FLOATS / dimension / W * W);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    int rowsPerBlock() {
        return rowsPerBlock;
    }

    /** Live rows: mapped rows not removed plus heap rows. */
    @Override
    public int size() {
        return mappedRows - deadRows + heapRows;
    }

    /** Rows including dead ones: the row numbers in use are {@code [0, rows())}. */
    @Override
    public int rows() {
        return mappedRows + heapRows;
    }

    /** Whether some mapped rows were removed (a scan must then skip them). */
    boolean hasDeadRows() {
        return deadRows > 0;
    }

    @Override
    public boolean isLive(int row) {
        return !isDead(row);
    }

    boolean isDead(int row) {
        return row < mappedRows && (dead[row >>> 6] & (1L << row)) != 0;
    }

    /**
     * Whether some stored vector has a norm so large or small (or not finite) that the float
     * kernels could overflow or underflow; tracked only with {@code checkNorms}.
     */
    boolean hasExtremeRows() {
        return extremeRows;
    }

    @Override
    public long id(int row) {
        return ids.id(row);
    }

    /** The live row of {@code id}, or -1. */
    @Override
    public int rowOf(long id) {
        return ids.rowOf(id);
    }

    /** Appends {@code vector} (copied) under {@code id}, which must not be present. */
    void add(long id, float[] vector) {
        int chunk = heapRows / rowsPerBlock;
        int inChunk = heapRows - chunk * rowsPerBlock;
        int needed = (inChunk / W + 1) * W * dimension;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunk + 1);
            int first = chunk == 0 ? Math.min(rowsPerBlock, FIRST_CHUNK_ROWS) : rowsPerBlock;
            chunks[chunk] = new float[first * dimension];
        } else if (chunks[chunk].length < needed) {
            chunks[chunk] = Arrays.copyOf(chunks[chunk], Math.min(rowsPerBlock, 2 * inChunk) * dimension);
        }
        float[] data = chunks[chunk];
        int at = tileIndex(inChunk);
        for (int j = 0; j < dimension; j++, at += W) {
            data[at] = vector[j];
        }
        ids.append(id);
        heapRows++;
        if (checkNorms) {
            noteNorm(vector);
        }
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
            float[] from = chunks[chunkOf(last)];
            float[] to = chunks[chunkOf(row)];
            int source = tileIndex(inChunk(last));
            int target = tileIndex(inChunk(row));
            for (int j = 0; j < dimension; j++, source += W, target += W) {
                to[target] = from[source];
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
        copyRow(row, target, 0);
    }

    @Override
    public void copyRow(int row, float[] target, int offset) {
        if (row < mappedRows) {
            mapped.copyRow(row, target, offset);
        } else {
            float[] data = chunks[chunkOf(row)];
            int at = tileIndex(inChunk(row));
            for (int j = 0; j < dimension; j++, at += W) {
                target[offset + j] = data[at];
            }
        }
    }

    /** Scan blocks: mapped blocks first, then one per heap chunk in use. */
    int blocks() {
        return (mappedRows + rowsPerBlock - 1) / rowsPerBlock + (heapRows + rowsPerBlock - 1) / rowsPerBlock;
    }

    /** The row number of the first row of block {@code b}. */
    int blockFirstRow(int b) {
        int mappedBlocks = (mappedRows + rowsPerBlock - 1) / rowsPerBlock;
        return b < mappedBlocks ? b * rowsPerBlock : mappedRows + (b - mappedBlocks) * rowsPerBlock;
    }

    /** The number of rows of block {@code b} (dead ones included). */
    int blockRows(int b) {
        int mappedBlocks = (mappedRows + rowsPerBlock - 1) / rowsPerBlock;
        return b < mappedBlocks ? Math.min(rowsPerBlock, mappedRows - b * rowsPerBlock)
                : Math.min(rowsPerBlock, heapRows - (b - mappedBlocks) * rowsPerBlock);
    }

    /** Whether block {@code b} holds mapped rows (which {@link #block} copies into scratch arrays). */
    boolean isMappedBlock(int b) {
        return b < (mappedRows + rowsPerBlock - 1) / rowsPerBlock;
    }

    /**
     * Block {@code b} of {@link #blocks()}, in tiles: heap rows are read in place, mapped rows
     * are first copied into {@code rowScratch}, then tiled into {@code tileScratch} (both at
     * least {@code rowsPerBlock * dimension} floats, owned by the calling thread; they may be null
     * when {@link #isMappedBlock} is false).
     */
    Block block(int b, float[] rowScratch, float[] tileScratch) {
        int mappedBlocks = (mappedRows + rowsPerBlock - 1) / rowsPerBlock;
        if (b < mappedBlocks) {
            int first = b * rowsPerBlock;
            int count = Math.min(rowsPerBlock, mappedRows - first);
            mapped.copyRows(first, count, rowScratch);
            tile(rowScratch, count, tileScratch);
            return new Block(tileScratch, first, count);
        }
        int chunk = b - mappedBlocks;
        int first = chunk * rowsPerBlock;
        return new Block(chunks[chunk], mappedRows + first, Math.min(rowsPerBlock, heapRows - first));
    }

    /**
     * Rows {@code [firstRow, firstRow + rows)} in tiles from {@code data[0]}; the last tile may be
     * partial (its padding rows hold stale values, to be ignored).
     */
    record Block(float[] data, int firstRow, int rows) {
        /** Tiles holding the rows. */
        int tiles() {
            return (rows + W - 1) / W;
        }
    }

    private void tile(float[] rowMajor, int count, float[] tiles) {
        for (int r = 0; r < count; r++) {
            int at = tileIndex(r);
            int from = r * dimension;
            for (int j = 0; j < dimension; j++, at += W) {
                tiles[at] = rowMajor[from + j];
            }
        }
    }

    /** Index of component 0 of row {@code inChunk} of a chunk; component j is {@code W * j} further. */
    private int tileIndex(int inChunk) {
        return (inChunk / W) * W * dimension + inChunk % W;
    }

    private int chunkOf(int row) {
        return (row - mappedRows) / rowsPerBlock;
    }

    private int inChunk(int row) {
        return row - mappedRows - chunkOf(row) * rowsPerBlock;
    }

    private void noteNorm(float[] vector) {
        double norm = VectorMath.norm(vector);
        if (!(norm <= MAX_SAFE_NORM) || (norm > 0 && norm < MIN_SAFE_NORM)) {
            extremeRows = true;
        }
    }

    /** For a store with mapped rows, checks that their file was not changed in place ({@link MappedRows#requireUnchanged}). */
    void requireMappedFileUnchanged() {
        if (mapped != null) {
            mapped.requireUnchanged();
        }
    }
}
