package org.cbir.core.internal.math;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the incubating Vector API ({@code jdk.incubator.vector}, JEP 414) with 256-bit
 * vectors (AVX2; {@link Panama512VectorKernels} is the 512-bit twin, and
 * {@link VectorizationProvider} chooses one width for every kernel of a JVM), fused multiply-add, and several
 * independent vector accumulators in the main loop so that consecutive FMAs do not wait on each
 * other; the remainder shorter than one vector runs as a scalar tail.
 *
 * <p>This class references {@code jdk.incubator.vector} and so may only be loaded when that
 * module is in the boot layer: {@link VectorizationProvider} loads it reflectively after checking.
 * Stateless and thread-safe.
 */
final class PanamaVectorKernels implements VectorKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    private static final int LANES = SPECIES.length();
    /** The int8 kernels' float shape: the same 256 bits (see {@link #int8Scores}). */
    private static final VectorSpecies<Float> I8 = SPECIES;
    /** Codes loaded per float vector of {@link #I8}: 8 bytes. */
    private static final VectorSpecies<Byte> CODE_SPECIES = ByteVector.SPECIES_64;

    /**
     * @throws UnsupportedOperationException if the CPU's preferred vectors are narrower than 256
     *     bits (256-bit vectors would then be emulated, far slower than the scalar kernels)
     */
    PanamaVectorKernels() {
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < 256) {
            throw new UnsupportedOperationException("the preferred float vector has only "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits");
        }
    }

    @Override
    public String name() {
        return "panama-256";
    }

    @Override
    public float dot(float[] a, float[] b, int bOffset, int length) {
        int i = 0;
        float sum = 0;
        if (length >= LANES) {
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            FloatVector acc2 = FloatVector.zero(SPECIES);
            FloatVector acc3 = FloatVector.zero(SPECIES);
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
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            FloatVector acc2 = FloatVector.zero(SPECIES);
            FloatVector acc3 = FloatVector.zero(SPECIES);
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
            FloatVector dot0 = FloatVector.zero(SPECIES);
            FloatVector dot1 = FloatVector.zero(SPECIES);
            FloatVector normA0 = FloatVector.zero(SPECIES);
            FloatVector normA1 = FloatVector.zero(SPECIES);
            FloatVector normB0 = FloatVector.zero(SPECIES);
            FloatVector normB1 = FloatVector.zero(SPECIES);
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
     * {@inheritDoc} A block of 16 rows is two float vectors of 8 lanes, each lane a row: per
     * dimension, the 8 codes of each half are loaded, widened to float and multiplied into the lanes
     * with the dimension's weight, in four independent accumulators (by half block and parity of
     * the dimension) so that consecutive FMAs do not wait on each other. The shape is 256 bits, as
     * in {@link PanamaTileKernels}: a JVM whose hot loops mix two vector shapes loses C2's
     * intrinsics in the shared Vector API methods (measured: the int8 scan after the float scan in
     * one JVM, 512-bit, ran 4 to 8 times slower than alone), hence one width for all kernels.
     */
    @Override
    public float int8Scores(float[] weights, byte[] codes, int codesOffset, int blocks, float[] bias, float[] scores,
            int scoresOffset) {
        int length = weights.length;
        FloatVector min = FloatVector.broadcast(I8, Float.POSITIVE_INFINITY);
        for (int b = 0; b < blocks; b++) {
            int at = codesOffset + b * length * 16;
            FloatVector low0 = start(bias, b * 16);
            FloatVector high0 = start(bias, b * 16 + 8);
            FloatVector low1 = FloatVector.zero(I8);
            FloatVector high1 = FloatVector.zero(I8);
            int j = 0;
            for (int bound = length - 2; j <= bound; j += 2, at += 32) {
                FloatVector w0 = FloatVector.broadcast(I8, weights[j]);
                FloatVector w1 = FloatVector.broadcast(I8, weights[j + 1]);
                low0 = codes(codes, at).fma(w0, low0);
                high0 = codes(codes, at + 8).fma(w0, high0);
                low1 = codes(codes, at + 16).fma(w1, low1);
                high1 = codes(codes, at + 24).fma(w1, high1);
            }
            if (j < length) {
                FloatVector w = FloatVector.broadcast(I8, weights[j]);
                low0 = codes(codes, at).fma(w, low0);
                high0 = codes(codes, at + 8).fma(w, high0);
            }
            FloatVector low = low0.add(low1);
            FloatVector high = high0.add(high1);
            low.intoArray(scores, scoresOffset + b * 16);
            high.intoArray(scores, scoresOffset + b * 16 + 8);
            min = min.min(low.min(high));
        }
        return min.reduceLanes(VectorOperators.MIN);
    }

    /**
     * {@inheritDoc} Each half block of codes is widened once and multiplied into one accumulator per
     * query (eight independent chains); 256-bit as {@link #int8Scores}.
     */
    @Override
    public void int8Scores4(float[][] weights, int first, byte[] codes, int codesOffset, int blocks, float[] bias,
            float[] scores, float[] mins) {
        int stride = blocks * 16;
        float[] w0 = weights[first];
        float[] w1 = weights[first + 1];
        float[] w2 = weights[first + 2];
        float[] w3 = weights[first + 3];
        int length = w0.length;
        FloatVector min0 = FloatVector.broadcast(I8, Float.POSITIVE_INFINITY);
        FloatVector min1 = min0;
        FloatVector min2 = min0;
        FloatVector min3 = min0;
        for (int b = 0; b < blocks; b++) {
            int at = codesOffset + b * length * 16;
            FloatVector low = start(bias, b * 16);
            FloatVector high = start(bias, b * 16 + 8);
            FloatVector low0 = low;
            FloatVector low1 = low;
            FloatVector low2 = low;
            FloatVector low3 = low;
            FloatVector high0 = high;
            FloatVector high1 = high;
            FloatVector high2 = high;
            FloatVector high3 = high;
            for (int j = 0; j < length; j++, at += 16) {
                FloatVector cl = codes(codes, at);
                FloatVector ch = codes(codes, at + 8);
                FloatVector v0 = FloatVector.broadcast(I8, w0[j]);
                FloatVector v1 = FloatVector.broadcast(I8, w1[j]);
                FloatVector v2 = FloatVector.broadcast(I8, w2[j]);
                FloatVector v3 = FloatVector.broadcast(I8, w3[j]);
                low0 = cl.fma(v0, low0);
                high0 = ch.fma(v0, high0);
                low1 = cl.fma(v1, low1);
                high1 = ch.fma(v1, high1);
                low2 = cl.fma(v2, low2);
                high2 = ch.fma(v2, high2);
                low3 = cl.fma(v3, low3);
                high3 = ch.fma(v3, high3);
            }
            int out = b * 16;
            low0.intoArray(scores, out);
            high0.intoArray(scores, out + 8);
            low1.intoArray(scores, stride + out);
            high1.intoArray(scores, stride + out + 8);
            low2.intoArray(scores, 2 * stride + out);
            high2.intoArray(scores, 2 * stride + out + 8);
            low3.intoArray(scores, 3 * stride + out);
            high3.intoArray(scores, 3 * stride + out + 8);
            min0 = min0.min(low0.min(high0));
            min1 = min1.min(low1.min(high1));
            min2 = min2.min(low2.min(high2));
            min3 = min3.min(low3.min(high3));
        }
        mins[0] = min0.reduceLanes(VectorOperators.MIN);
        mins[1] = min1.reduceLanes(VectorOperators.MIN);
        mins[2] = min2.reduceLanes(VectorOperators.MIN);
        mins[3] = min3.reduceLanes(VectorOperators.MIN);
    }

    /** The accumulator a half block starts from: its 8 biases, or zero. */
    private static FloatVector start(float[] bias, int offset) {
        return bias == null ? FloatVector.zero(I8) : FloatVector.fromArray(I8, bias, offset);
    }

    /** 8 codes from {@code offset}, widened to floats. */
    private static FloatVector codes(byte[] codes, int offset) {
        return (FloatVector) ByteVector.fromArray(CODE_SPECIES, codes, offset).castShape(I8, 0);
    }

    private static FloatVector load(float[] array, int offset) {
        return FloatVector.fromArray(SPECIES, array, offset);
    }
}
