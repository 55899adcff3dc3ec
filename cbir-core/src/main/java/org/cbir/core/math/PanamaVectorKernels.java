package org.cbir.core.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the incubating Vector API ({@code jdk.incubator.vector}, JEP 414): the preferred
 * species of the CPU (256 bits with AVX2, 512 with AVX-512), fused multiply-add, and several
 * independent vector accumulators in the main loop so that consecutive FMAs do not wait on each
 * other; the remainder shorter than one vector runs as a scalar tail.
 *
 * <p>This class references {@code jdk.incubator.vector} and so may only be loaded when that
 * module is in the boot layer: {@link VectorizationProvider} loads it reflectively after checking.
 * Stateless and thread-safe.
 */
final class PanamaVectorKernels implements VectorKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    /**
     * @throws UnsupportedOperationException if the preferred species is narrower than 128 bits
     *     (no useful SIMD: the scalar kernels are then faster)
     */
    PanamaVectorKernels() {
        if (SPECIES.vectorBitSize() < 128) {
            throw new UnsupportedOperationException("the preferred float vector has only "
                    + SPECIES.vectorBitSize() + " bits");
        }
    }

    @Override
    public String name() {
        return "panama-" + SPECIES.vectorBitSize();
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

    private static FloatVector load(float[] array, int offset) {
        return FloatVector.fromArray(SPECIES, array, offset);
    }
}
