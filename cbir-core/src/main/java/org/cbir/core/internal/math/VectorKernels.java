package org.cbir.core.internal.math;

/**
 * The float kernels of the exact scan, one implementation per instruction set: the first
 * vector {@code a} is compared with {@code length} floats of {@code b} starting at
 * {@code bOffset}, so {@code b} may be a contiguous store of many rows. The caller checks the
 * bounds ({@link FloatKernels} does). Implementations are stateless and thread-safe, accumulate
 * in {@code float} (in several lanes, so their rounding differs from a sequential loop by a few
 * ulps times {@code length}), and never modify their arguments.
 */
interface VectorKernels {

    /** A short name for logs and benchmarks, {@code "scalar"}, {@code "panama-256"} or {@code "panama-512"}. */
    String name();

    /** Sum of {@code a[i] * b[bOffset + i]} for {@code i < length}. */
    float dot(float[] a, float[] b, int bOffset, int length);

    /** Sum of {@code (a[i] - b[bOffset + i])^2} for {@code i < length}. */
    float squareDistance(float[] a, float[] b, int bOffset, int length);

    /**
     * The cosine of the angle between {@code a[0, length)} and {@code b[bOffset, bOffset + length)}:
     * the dot product and both squared norms in one pass, then {@code dot / sqrt(|a|^2 |b|^2)};
     * 0 when either vector is zero.
     */
    float cosine(float[] a, float[] b, int bOffset, int length);

    /**
     * Scores of {@code blocks} blocks of {@link FloatKernels#CODE_BLOCK_ROWS} rows of signed 8-bit
     * codes, each block stored dimension-major from {@code codesOffset} (code {@code j} of row
     * {@code r} of block {@code b} at {@code codesOffset + (b * length + j) * 16 + r}, with
     * {@code length = weights.length}): {@code scores[scoresOffset + 16 b + r]} becomes
     * {@code bias[16 b + r]} (0 when {@code bias} is null) plus the sum of
     * {@code weights[j] * code} over {@code j}, accumulated in {@code float}. Returns the smallest
     * of the scores written (positive infinity for no blocks; NaN scores may be ignored).
     */
    float int8Scores(float[] weights, byte[] codes, int codesOffset, int blocks, float[] bias, float[] scores,
            int scoresOffset);

    /**
     * {@link #int8Scores} for the four queries {@code weights[first .. first + 3]} in one pass over
     * the codes (each code is loaded and widened once for all four): the scores of query
     * {@code first + i} go to {@code scores[i * 16 * blocks ...]} and their smallest to
     * {@code mins[i]}.
     */
    void int8Scores4(float[][] weights, int first, byte[] codes, int codesOffset, int blocks, float[] bias,
            float[] scores, float[] mins);

    /** The cosine from the three sums of one pass; 0 when a norm is zero. */
    static float cosine(float dot, float normA, float normB) {
        double denominator = Math.sqrt((double) normA * normB);
        return denominator == 0 ? 0f : (float) (dot / denominator);
    }
}
