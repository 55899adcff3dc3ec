package org.cbir.core.internal.math;

import java.util.Objects;

/**
 * Fast float kernels for scans over a contiguous store: one query vector against
 * {@code query.length} floats of a {@code store} array from {@code offset}, so that a store of
 * many rows needs no copy per row. Vectorised with the Java Vector API when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, scalar otherwise (chosen once per JVM, one vector
 * width for these kernels and {@link RowTiles}'; the system property
 * {@code cbir.vectorization=auto|scalar|panama|256|512} overrides, see {@link #implementation()}).
 *
 * <p>These kernels accumulate in {@code float} in an order that depends on the CPU's vector
 * width: the relative error of a sum of {@code n} products is below about {@code n * 2^-24}
 * (times the sum of the products' magnitudes), see {@link #relativeErrorBound(int)}. They rank
 * candidates; where a result must match a reference to 1e-6, use {@link VectorMath}'s double
 * accumulation (the exact index re-scores its final candidates that way).
 *
 * <p>All methods are pure and thread-safe; they throw {@link IndexOutOfBoundsException} when
 * the row {@code [offset, offset + query.length)} does not lie inside {@code store}.
 */
public final class FloatKernels {
    /** Rows in a block of int8 codes for {@link #int8Scores}. */
    public static final int CODE_BLOCK_ROWS = 16;
    private static final double UNIT_ROUNDOFF = 0x1p-24;

    private FloatKernels() {
    }

    /** Sum of {@code query[i] * store[offset + i]} for {@code i < query.length}. */
    public static float dot(float[] query, float[] store, int offset) {
        checkBounds(query, store, offset);
        return VectorizationProvider.kernels().dot(query, store, offset, query.length);
    }

    /** Sum of {@code (query[i] - store[offset + i])^2} for {@code i < query.length}. */
    public static float squareDistance(float[] query, float[] store, int offset) {
        checkBounds(query, store, offset);
        return VectorizationProvider.kernels().squareDistance(query, store, offset, query.length);
    }

    /**
     * The cosine of the angle between {@code query} and the row of {@code store} at
     * {@code offset}, from the dot product and both norms computed in one pass; 0 when either
     * vector is zero.
     */
    public static float cosine(float[] query, float[] store, int offset) {
        checkBounds(query, store, offset);
        return VectorizationProvider.kernels().cosine(query, store, offset, query.length);
    }

    /**
     * Scores of rows of signed 8-bit codes (a scalar-quantized store), {@value #CODE_BLOCK_ROWS}
     * rows at a time: {@code codes} holds {@code blocks} blocks from {@code offset}, each
     * {@code 16 * weights.length} bytes, dimension-major (code {@code j} of row {@code r} of block
     * {@code b} at {@code offset + (b * weights.length + j) * 16 + r}, so one load reads the codes of
     * 16 rows for one dimension), and {@code scores[16 b + r]} becomes {@code bias[16 b + r]} (a
     * per-row correction term; none when {@code bias} is null) plus {@code sum_j weights[j] * code},
     * accumulated in {@code float} (rounding as {@link #dot}). Returns the smallest score written,
     * so that a caller looking for scores below a bound can skip the whole span (positive infinity
     * when {@code blocks} is 0; NaN scores may be ignored). Padding rows of a partial block score
     * whatever their codes give. Vectorised like the other kernels: one float lane per row, no
     * horizontal sums.
     *
     * @throws IllegalArgumentException if {@code weights} is empty or {@code blocks} negative
     * @throws IndexOutOfBoundsException if the blocks do not lie inside {@code codes}, or
     *     {@code scores} or a non-null {@code bias} has fewer than {@code 16 * blocks} elements
     */
    public static float int8Scores(float[] weights, byte[] codes, int offset, int blocks, float[] bias,
            float[] scores) {
        Objects.checkFromIndexSize(0, checkInt8(weights, codes, offset, blocks, bias), scores.length);
        return VectorizationProvider.kernels().int8Scores(weights, codes, offset, blocks, bias, scores, 0);
    }

    /**
     * {@link #int8Scores} for four queries at once, {@code weights[first .. first + 3]} (all of one
     * length), over the same blocks: each code is read and widened once for the four, which is what
     * a batch of queries costs less by. The scores of query {@code first + i} go to
     * {@code scores[i * 16 * blocks ...]}, their smallest to {@code mins[i]}.
     *
     * @throws IllegalArgumentException if the weights are empty or of different lengths, or
     *     {@code blocks} is negative
     * @throws IndexOutOfBoundsException if {@code weights} has no four queries from {@code first},
     *     the blocks do not lie inside {@code codes}, {@code scores} has fewer than
     *     {@code 64 * blocks} elements, a non-null {@code bias} fewer than {@code 16 * blocks}, or
     *     {@code mins} fewer than 4
     */
    public static void int8Scores4(float[][] weights, int first, byte[] codes, int offset, int blocks, float[] bias,
            float[] scores, float[] mins) {
        Objects.checkFromIndexSize(first, 4, weights.length);
        int length = weights[first].length;
        for (int i = 1; i < 4; i++) {
            if (weights[first + i].length != length) {
                throw new IllegalArgumentException("int8Scores4 needs weights of one length, got " + length + " and "
                        + weights[first + i].length);
            }
        }
        int stride = checkInt8(weights[first], codes, offset, blocks, bias);
        Objects.checkFromIndexSize(0, 4 * stride, scores.length);
        Objects.checkFromIndexSize(0, 4, mins.length);
        VectorizationProvider.kernels().int8Scores4(weights, first, codes, offset, blocks, bias, scores, mins);
    }

    /** Checks the arguments of the int8 kernels; returns the number of scores per query. */
    private static int checkInt8(float[] weights, byte[] codes, int offset, int blocks, float[] bias) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(codes, "codes");
        if (weights.length == 0 || blocks < 0) {
            throw new IllegalArgumentException("int8Scores needs weights and blocks >= 0, got " + weights.length
                    + " weights and " + blocks + " blocks");
        }
        Objects.checkFromIndexSize(offset, Math.multiplyExact(Math.multiplyExact(blocks, weights.length),
                CODE_BLOCK_ROWS), codes.length);
        int stride = blocks * CODE_BLOCK_ROWS;
        if (bias != null) {
            Objects.checkFromIndexSize(0, stride, bias.length);
        }
        return stride;
    }

    /**
     * A bound on the relative error of {@link #dot} and {@link #squareDistance} over vectors of
     * {@code length}, for any implementation: the rounding error of the result is at most this
     * times the sum of the absolute values of the terms (for {@link #squareDistance}, at most
     * this times the result). It is the classical bound {@code (n + 2) u / (1 - (n + 2) u)} of
     * recursive summation with unit roundoff {@code u = 2^-24}, which covers any order of
     * summation, doubled for safety.
     */
    public static double relativeErrorBound(int length) {
        double nu = (length + 2) * UNIT_ROUNDOFF;
        return 2 * nu / (1 - nu);
    }

    /** The kernels in use: {@code "scalar"}, {@code "panama-256"} or {@code "panama-512"}. */
    public static String implementation() {
        return VectorizationProvider.kernels().name();
    }

    private static void checkBounds(float[] query, float[] store, int offset) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(store, "store");
        Objects.checkFromIndexSize(offset, query.length, store.length);
    }
}
