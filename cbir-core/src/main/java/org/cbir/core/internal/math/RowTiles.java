package org.cbir.core.internal.math;

import java.util.Objects;

/**
 * Scan kernels over rows stored in tiles: {@link #WIDTH} rows per tile, dimension-major inside a
 * tile (component {@code j} of row {@code r} of tile {@code t} at
 * {@code offset + t * WIDTH * d + j * WIDTH + r}, see {@link #index}), so that the lanes of a
 * vector run across rows. A kernel then scores {@code WIDTH} rows per instruction for any
 * dimension, with no horizontal sum and no per-row call: the layout that makes a scan over small
 * dimensions (16 floats per row) as fast as memory allows, and lets a batch score each tile
 * for several queries while it is in cache.
 *
 * <p>Each kernel scores whole tiles, padding rows of a partial last tile included (their scores
 * are meaningless; callers ignore them). Scores accumulate in {@code float}, one component after
 * the other per row: the rounding error of a sum of {@code d} products is within
 * {@link FloatKernels#relativeErrorBound(int) relativeErrorBound(d)} of the sum of their
 * magnitudes, whatever the implementation.
 *
 * <p>Three implementations, chosen with {@link FloatKernels}' (system property
 * {@code cbir.vectorization}; one width for both): the Vector API with 256-bit vectors, with
 * 512-bit vectors (two components of a tile's 8 rows per vector), or plain loops. Instances are
 * immutable and thread-safe; they never keep or modify the arrays passed, other than the
 * {@code out} arrays they fill.
 */
public final class RowTiles {
    /** Rows per tile: the lanes of a 256-bit float vector (half those of a 512-bit one). */
    public static final int WIDTH = 8;

    private static final RowTiles SCALAR = new RowTiles(new ScalarTileKernels());

    private final TileKernels kernels;

    private RowTiles(TileKernels kernels) {
        this.kernels = kernels;
    }

    /** The kernels chosen for this JVM: the Vector API when available (see {@link FloatKernels}). */
    public static RowTiles preferred() {
        return Holder.PREFERRED;
    }

    /** The plain-Java kernels, whatever the JVM offers (for comparisons and tests). */
    public static RowTiles scalar() {
        return SCALAR;
    }

    /** The kernels of {@code kernels} (for tests that compare widths). */
    static RowTiles of(TileKernels kernels) {
        return new RowTiles(kernels);
    }

    /** {@code "scalar"}, {@code "panama-256"} or {@code "panama-512"}. */
    public String name() {
        return kernels.name();
    }

    /** The index of component {@code j} of row {@code row} in a tiled array starting at tile 0. */
    public static int index(int row, int j, int dimension) {
        return (row / WIDTH) * WIDTH * dimension + j * WIDTH + row % WIDTH;
    }

    /**
     * For each row of {@code tiles} tiles of {@code data} from {@code offset}: minus its dot
     * product with {@code query} times its inverse norm {@code 1 / sqrt(max(|row|^2, MIN_NORMAL))}
     * (minus the cosine similarity when {@code query} has unit norm; 0 for a zero row), written
     * to {@code out} from {@code outOffset}, one float per row.
     */
    public void cosineScores(float[] query, float[] data, int offset, int tiles, float[] out, int outOffset) {
        check(query.length, data, offset, tiles, out, outOffset);
        kernels.cosineScores(query, data, offset, tiles, out, outOffset);
    }

    /** The inverse norm {@code 1 / sqrt(max(|row|^2, MIN_NORMAL))} of each row, into {@code out}. */
    public void inverseNorms(int dimension, float[] data, int offset, int tiles, float[] out, int outOffset) {
        check(dimension, data, offset, tiles, out, outOffset);
        kernels.inverseNorms(dimension, data, offset, tiles, out, outOffset);
    }

    /**
     * {@link #cosineScores(float[], float[], int, int, float[], int)} for queries
     * {@code [0, count)} of {@code queries} (all of one length), given the rows'
     * {@link #inverseNorms} at {@code inverseNorms[outOffset...]}; query {@code q} writes into
     * {@code out[q]}. The vector kernels read each tile once for up to eight queries.
     */
    public void cosineScores(float[][] queries, int count, float[] data, int offset, int tiles, float[] inverseNorms,
            float[][] out, int outOffset) {
        checkBatch(queries, count, data, offset, tiles, out, outOffset);
        Objects.checkFromIndexSize(outOffset, tiles * WIDTH, inverseNorms.length);
        kernels.cosineScores(queries, count, data, offset, tiles, inverseNorms, out, outOffset);
    }

    /**
     * For each of the {@link #WIDTH} rows of the one tile at {@code data[offset]} (of
     * {@code query.length} components): its squared norm into {@code squares[r]} and its dot
     * product with {@code query} (a float query's components as doubles) into {@code dots[r]},
     * {@code r < WIDTH}, in double, with the additions of {@link VectorMath#norm} and
     * {@link VectorMath#dot} to the bit (one component after the other, each product and sum
     * rounded), so that {@code Math.sqrt(squares[r])} is the row's {@code VectorMath.norm} and
     * {@code dots[r]} its {@code VectorMath.dot}: the exact distances of a scan, computed for a
     * tile at once. Every implementation gives the same bits; the vector ones sum 4 or 8 rows per
     * instruction.
     */
    public void exactCosineParts(double[] query, float[] data, int offset, double[] squares, double[] dots) {
        if (query.length < 1) {
            throw new IllegalArgumentException("the query is empty");
        }
        Objects.checkFromIndexSize(offset, WIDTH * query.length, data.length);
        Objects.checkFromIndexSize(0, WIDTH, Math.min(squares.length, dots.length));
        kernels.exactCosineParts(query, data, offset, squares, dots);
    }

    /** The squared Euclidean distance {@code |query - row|^2} of each row, into {@code out}. */
    public void squareDistances(float[] query, float[] data, int offset, int tiles, float[] out, int outOffset) {
        check(query.length, data, offset, tiles, out, outOffset);
        kernels.squareDistances(query, data, offset, tiles, out, outOffset);
    }

    /** {@link #squareDistances(float[], float[], int, int, float[], int)} for queries {@code [0, count)}. */
    public void squareDistances(float[][] queries, int count, float[] data, int offset, int tiles, float[][] out,
            int outOffset) {
        checkBatch(queries, count, data, offset, tiles, out, outOffset);
        kernels.squareDistances(queries, count, data, offset, tiles, out, outOffset);
    }

    private static void check(int dimension, float[] data, int offset, int tiles, float[] out, int outOffset) {
        if (dimension < 1 || tiles < 0) {
            throw new IllegalArgumentException("dimension " + dimension + " and tiles " + tiles
                    + " must be positive and non-negative");
        }
        Objects.checkFromIndexSize(offset, tiles * WIDTH * dimension, data.length);
        Objects.checkFromIndexSize(outOffset, tiles * WIDTH, out.length);
    }

    private static void checkBatch(float[][] queries, int count, float[] data, int offset, int tiles, float[][] out,
            int outOffset) {
        Objects.checkFromIndexSize(0, count, Math.min(queries.length, out.length));
        for (int q = 0; q < count; q++) {
            if (queries[q].length != queries[0].length) {
                throw new IllegalArgumentException("query " + q + " has length " + queries[q].length
                        + ", query 0 has " + queries[0].length);
            }
            check(queries[q].length, data, offset, tiles, out[q], outOffset);
        }
    }

    /** Chosen on first use of {@link #preferred()}, with the same rule as {@link FloatKernels}. */
    private static final class Holder {
        static final RowTiles PREFERRED = new RowTiles(VectorizationProvider.tileKernels());
    }
}
