package org.cbir.core.internal.math;

/**
 * The float kernels of {@link RowTiles}, one implementation per instruction set. Rows are stored
 * in tiles of {@link RowTiles#WIDTH} rows, dimension-major inside a tile (component {@code j} of
 * row {@code r} of tile {@code t} at {@code offset + t * WIDTH * d + j * WIDTH + r}), so that
 * vector lanes run across rows and a kernel scores a whole tile with no horizontal sum. Every
 * method scores {@code tiles} tiles from {@code offset} and writes one float per row (padding rows
 * of a last, partial tile included) to {@code out} from {@code outOffset}. The caller checks the
 * bounds. Implementations are thread-safe, accumulate each row in {@code float} (one component
 * after the other, or with 512-bit vectors the even and the odd components apart, then added;
 * {@link #exactCosineParts} in {@code double}, one component after the other in every
 * implementation), and never modify their inputs other than {@code out}.
 */
interface TileKernels {

    /** A short name for logs and benchmarks: {@code "scalar"}, {@code "panama-256"} or {@code "panama-512"}. */
    String name();

    /**
     * {@code -dot(query, row) * inverseNorm(row)} for each row: minus the cosine similarity for a
     * unit query; the inverse norm is {@code 1 / sqrt(max(|row|^2, Float.MIN_NORMAL))}, so a zero
     * row scores 0.
     */
    void cosineScores(float[] query, float[] data, int offset, int tiles, float[] out, int outOffset);

    /** {@code 1 / sqrt(max(|row|^2, Float.MIN_NORMAL))} for each row. */
    void inverseNorms(int dimension, float[] data, int offset, int tiles, float[] out, int outOffset);

    /**
     * {@link #cosineScores} of queries {@code [0, count)} given the rows' {@link #inverseNorms}
     * (aligned with the rows from {@code outOffset}); query {@code q} writes to {@code out[q]}.
     */
    void cosineScores(float[][] queries, int count, float[] data, int offset, int tiles, float[] inverseNorms,
            float[][] out, int outOffset);

    /**
     * The double parts of the exact cosine distance of each of the {@link RowTiles#WIDTH} rows of
     * the one tile at {@code data[offset]}: its squared norm into {@code squares[r]} and its dot
     * product with {@code query} (the query's floats as doubles) into {@code dots[r]}, each summed
     * one component after the other with a rounded product and a rounded sum per component
     * ({@code s += v * v}, {@code d += q * v}, no fused multiply-add), as {@link VectorMath#norm}
     * and {@link VectorMath#dot} sum them: the same bits in every implementation, whatever the
     * number of rows summed at once.
     */
    void exactCosineParts(double[] query, float[] data, int offset, double[] squares, double[] dots);

    /** {@code |query - row|^2} for each row. */
    void squareDistances(float[] query, float[] data, int offset, int tiles, float[] out, int outOffset);

    /** {@link #squareDistances} of queries {@code [0, count)}; query {@code q} writes to {@code out[q]}. */
    void squareDistances(float[][] queries, int count, float[] data, int offset, int tiles, float[][] out,
            int outOffset);
}
