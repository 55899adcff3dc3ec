package org.cbir.core.internal.math;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PanamaVectorKernels} with 512-bit vectors (AVX-512), for a JVM whose every kernel is
 * 512-bit ({@link VectorizationProvider} chooses one width for all kernels, with
 * {@link Panama512TileKernels}). The float kernels are the same loops with 16 lanes; the int8
 * kernels hold a whole block of {@link FloatKernels#CODE_BLOCK_ROWS 16} rows in one vector, so
 * that one load-and-widen of 16 codes (one byte to float conversion for 16 lanes) feeds one FMA.
 *
 * <p>References {@code jdk.incubator.vector}: loaded reflectively by {@link VectorizationProvider},
 * only when that module is present. Stateless and thread-safe.
 */
final class Panama512VectorKernels implements VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int LANES = S.length();
    private static final VectorSpecies<Byte> CODES = ByteVector.SPECIES_128;

    /** @throws UnsupportedOperationException if the CPU's preferred vectors are narrower than 512 bits */
    Panama512VectorKernels() {
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < 512) {
            throw new UnsupportedOperationException("the preferred float vector has only "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits");
        }
    }

    @Override
    public String name() {
        return "panama-512";
    }

    @Override
    public float dot(float[] a, float[] b, int bOffset, int length) {
        int i = 0;
        float sum = 0;
        if (length >= LANES) {
            FloatVector acc0 = FloatVector.zero(S);
            FloatVector acc1 = FloatVector.zero(S);
            FloatVector acc2 = FloatVector.zero(S);
            FloatVector acc3 = FloatVector.zero(S);
            for (int bound = length - 4 * LANES; i <= bound; i += 4 * LANES) {
                acc0 = load(a, i).fma(load(b, bOffset + i), acc0);
                acc1 = load(a, i + LANES).fma(load(b, bOffset + i + LANES), acc1);
                acc2 = load(a, i + 2 * LANES).fma(load(b, bOffset + i + 2 * LANES), acc2);
                acc3 = load(a, i + 3 * LANES).fma(load(b, bOffset + i + 3 * LANES), acc3);
            }
            for (int bound = length - LANES; i <= bound; i += LANES) {
                acc0 = load(a, i).fma(load(b, bOffset + i), acc0);
            }
            sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < length; i++) {
            sum += a[i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public float squareDistance(float[] a, float[] b, int bOffset, int length) {
        int i = 0;
        float sum = 0;
        if (length >= LANES) {
            FloatVector acc0 = FloatVector.zero(S);
            FloatVector acc1 = FloatVector.zero(S);
            FloatVector acc2 = FloatVector.zero(S);
            FloatVector acc3 = FloatVector.zero(S);
            for (int bound = length - 4 * LANES; i <= bound; i += 4 * LANES) {
                FloatVector d0 = load(a, i).sub(load(b, bOffset + i));
                FloatVector d1 = load(a, i + LANES).sub(load(b, bOffset + i + LANES));
                FloatVector d2 = load(a, i + 2 * LANES).sub(load(b, bOffset + i + 2 * LANES));
                FloatVector d3 = load(a, i + 3 * LANES).sub(load(b, bOffset + i + 3 * LANES));
                acc0 = d0.fma(d0, acc0);
                acc1 = d1.fma(d1, acc1);
                acc2 = d2.fma(d2, acc2);
                acc3 = d3.fma(d3, acc3);
            }
            for (int bound = length - LANES; i <= bound; i += LANES) {
                FloatVector d = load(a, i).sub(load(b, bOffset + i));
                acc0 = d.fma(d, acc0);
            }
            sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < length; i++) {
            float d = a[i] - b[bOffset + i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public float cosine(float[] a, float[] b, int bOffset, int length) {
        int i = 0;
        float dot = 0;
        float normA = 0;
        float normB = 0;
        if (length >= LANES) {
            FloatVector dot0 = FloatVector.zero(S);
            FloatVector dot1 = FloatVector.zero(S);
            FloatVector normA0 = FloatVector.zero(S);
            FloatVector normA1 = FloatVector.zero(S);
            FloatVector normB0 = FloatVector.zero(S);
            FloatVector normB1 = FloatVector.zero(S);
            for (int bound = length - 2 * LANES; i <= bound; i += 2 * LANES) {
                FloatVector x0 = load(a, i);
                FloatVector y0 = load(b, bOffset + i);
                FloatVector x1 = load(a, i + LANES);
                FloatVector y1 = load(b, bOffset + i + LANES);
                dot0 = x0.fma(y0, dot0);
                dot1 = x1.fma(y1, dot1);
                normA0 = x0.fma(x0, normA0);
                normA1 = x1.fma(x1, normA1);
                normB0 = y0.fma(y0, normB0);
                normB1 = y1.fma(y1, normB1);
            }
            for (int bound = length - LANES; i <= bound; i += LANES) {
                FloatVector x = load(a, i);
                FloatVector y = load(b, bOffset + i);
                dot0 = x.fma(y, dot0);
                normA0 = x.fma(x, normA0);
                normB0 = y.fma(y, normB0);
            }
            dot = dot0.add(dot1).reduceLanes(VectorOperators.ADD);
            normA = normA0.add(normA1).reduceLanes(VectorOperators.ADD);
            normB = normB0.add(normB1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < length; i++) {
            float x = a[i];
            float y = b[bOffset + i];
            dot += x * y;
            normA += x * x;
            normB += y * y;
        }
        return VectorKernels.cosine(dot, normA, normB);
    }

    /**
     * {@inheritDoc} One vector per block (a lane per row); per dimension the block's 16 codes are
     * loaded, widened to float and multiplied with the dimension's weight, in four independent
     * accumulators (by dimension modulo 4).
     */
    @Override
    public float int8Scores(float[] weights, byte[] codes, int codesOffset, int blocks, float[] bias, float[] scores,
            int scoresOffset) {
        int length = weights.length;
        FloatVector min = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
        for (int b = 0; b < blocks; b++) {
            int at = codesOffset + b * length * 16;
            FloatVector a0 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, b * 16);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            int j = 0;
            for (int bound = length - 4; j <= bound; j += 4, at += 64) {
                a0 = codes(codes, at).fma(FloatVector.broadcast(S, weights[j]), a0);
                a1 = codes(codes, at + 16).fma(FloatVector.broadcast(S, weights[j + 1]), a1);
                a2 = codes(codes, at + 32).fma(FloatVector.broadcast(S, weights[j + 2]), a2);
                a3 = codes(codes, at + 48).fma(FloatVector.broadcast(S, weights[j + 3]), a3);
            }
            for (; j < length; j++, at += 16) {
                a0 = codes(codes, at).fma(FloatVector.broadcast(S, weights[j]), a0);
            }
            FloatVector sum = a0.add(a1).add(a2.add(a3));
            sum.intoArray(scores, scoresOffset + b * 16);
            min = min.min(sum);
        }
        return min.reduceLanes(VectorOperators.MIN);
    }

    /** {@inheritDoc} Each block's codes of one dimension are widened once for the four queries. */
    @Override
    public void int8Scores4(float[][] weights, int first, byte[] codes, int codesOffset, int blocks, float[] bias,
            float[] scores, float[] mins) {
        int stride = blocks * 16;
        float[] w0 = weights[first];
        float[] w1 = weights[first + 1];
        float[] w2 = weights[first + 2];
        float[] w3 = weights[first + 3];
        int length = w0.length;
        FloatVector min0 = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
        FloatVector min1 = min0;
        FloatVector min2 = min0;
        FloatVector min3 = min0;
        for (int b = 0; b < blocks; b++) {
            int at = codesOffset + b * length * 16;
            FloatVector start = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, b * 16);
            FloatVector a0 = start;
            FloatVector a1 = start;
            FloatVector a2 = start;
            FloatVector a3 = start;
            for (int j = 0; j < length; j++, at += 16) {
                FloatVector c = codes(codes, at);
                a0 = c.fma(FloatVector.broadcast(S, w0[j]), a0);
                a1 = c.fma(FloatVector.broadcast(S, w1[j]), a1);
                a2 = c.fma(FloatVector.broadcast(S, w2[j]), a2);
                a3 = c.fma(FloatVector.broadcast(S, w3[j]), a3);
            }
            int out = b * 16;
            a0.intoArray(scores, out);
            a1.intoArray(scores, stride + out);
            a2.intoArray(scores, 2 * stride + out);
            a3.intoArray(scores, 3 * stride + out);
            min0 = min0.min(a0);
            min1 = min1.min(a1);
            min2 = min2.min(a2);
            min3 = min3.min(a3);
        }
        mins[0] = min0.reduceLanes(VectorOperators.MIN);
        mins[1] = min1.reduceLanes(VectorOperators.MIN);
        mins[2] = min2.reduceLanes(VectorOperators.MIN);
        mins[3] = min3.reduceLanes(VectorOperators.MIN);
    }

    /** 16 codes from {@code offset}, widened to floats. */
    private static FloatVector codes(byte[] codes, int offset) {
        return (FloatVector) ByteVector.fromArray(CODES, codes, offset).castShape(S, 0);
    }

    private static FloatVector load(float[] array, int offset) {
        return FloatVector.fromArray(S, array, offset);
    }
}
