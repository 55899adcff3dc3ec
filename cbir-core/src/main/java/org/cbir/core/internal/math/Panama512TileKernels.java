package org.cbir.core.internal.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels of {@link RowTiles} with 512-bit vectors, on the same tiles of
 * {@link RowTiles#WIDTH 8} rows as {@link PanamaTileKernels}: one 16-lane vector holds two
 * consecutive components of a tile's 8 rows ({@code j} in lanes 0-7, {@code j + 1} in lanes
 * 8-15, one contiguous load), and is multiplied with the query's components {@code j} and
 * {@code j + 1} broadcast to those halves (the query expanded once per call into a thread-local
 * array of {@code 8 d} floats, so the broadcast pair is one load). So each row accumulates its
 * even and its odd components in two lanes, which are added at the end: two tiles at a time, their
 * halves are folded into one vector of 16 rows ({@link #fold}). An odd last component is loaded
 * with its upper half masked off. Batches score two tiles for eight queries per pass (16
 * accumulators in AVX-512's 32 registers), the rest one query at a time.
 *
 * <p>Sums run in a different order than the 256-bit kernels (even and odd components apart, then
 * added), within the same {@link FloatKernels#relativeErrorBound(int) bound}. References
 * {@code jdk.incubator.vector}: loaded reflectively by {@link VectorizationProvider}, only when that
 * module is present and the CPU prefers 512-bit vectors. Thread-safe (the scratch arrays are per
 * thread).
 */
final class Panama512TileKernels implements TileKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    /** One component of a tile's 8 rows, widened to {@link #D} for the exact cosine parts. */
    private static final VectorSpecies<Float> TILE = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
    private static final int W = RowTiles.WIDTH;
    /** Lanes 8-15: the second component of a pair, and the second tile of a fold. */
    private static final VectorMask<Float> HIGH = VectorMask.fromLong(S, 0xFF00L);
    /** Lanes 0-7. */
    private static final VectorMask<Float> LOW = VectorMask.fromLong(S, 0x00FFL);
    /** Swaps the two halves. */
    private static final VectorShuffle<Float> SWAP = VectorShuffle.fromValues(S,
            8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
    /** Per thread: expanded queries ({@link #expand}) and 16 floats for a lone tile's scores. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** @throws UnsupportedOperationException if the CPU's preferred vectors are narrower than 512 bits */
    Panama512TileKernels() {
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < 512 || S.length() != 2 * W) {
            throw new UnsupportedOperationException("the preferred float vector has only "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits");
        }
    }

    @Override
    public String name() {
        return "panama-512";
    }

    @Override
    public void cosineScores(float[] query, float[] data, int offset, int tiles, float[] out, int outOffset) {
        int d = query.length;
        int pairs = (d + 1) / 2;
        int stride = W * d;
        Scratch scratch = SCRATCH.get();
        float[] e = scratch.expanded(0, query);
        int t = 0;
        for (; t + 2 <= tiles; t += 2) {
            int b0 = offset + t * stride;
            int b1 = b0 + stride;
            FloatVector dot0 = FloatVector.zero(S);
            FloatVector dot1 = FloatVector.zero(S);
            FloatVector norm0 = FloatVector.zero(S);
            FloatVector norm1 = FloatVector.zero(S);
            for (int p = 0; p < pairs; p++) {
                FloatVector q = FloatVector.fromArray(S, e, 16 * p);
                FloatVector v0 = pair(data, b0, p, d);
                FloatVector v1 = pair(data, b1, p, d);
                dot0 = v0.fma(q, dot0);
                norm0 = v0.fma(v0, norm0);
                dot1 = v1.fma(q, dot1);
                norm1 = v1.fma(v1, norm1);
            }
            fold(dot0, dot1).neg().mul(inverseSqrt(fold(norm0, norm1))).intoArray(out, outOffset + t * W);
        }
        if (t < tiles) {
            int b0 = offset + t * stride;
            FloatVector dot0 = FloatVector.zero(S);
            FloatVector norm0 = FloatVector.zero(S);
            for (int p = 0; p < pairs; p++) {
                FloatVector v0 = pair(data, b0, p, d);
                dot0 = v0.fma(FloatVector.fromArray(S, e, 16 * p), dot0);
                norm0 = v0.fma(v0, norm0);
            }
            FloatVector zero = FloatVector.zero(S);
            scratch.lone(fold(dot0, zero).neg().mul(inverseSqrt(fold(norm0, zero))), out, outOffset + t * W);
        }
    }

    @Override
    public void inverseNorms(int dimension, float[] data, int offset, int tiles, float[] out, int outOffset) {
        int pairs = (dimension + 1) / 2;
        int stride = W * dimension;
        int t = 0;
        for (; t + 2 <= tiles; t += 2) {
            int b0 = offset + t * stride;
            int b1 = b0 + stride;
            FloatVector norm0 = FloatVector.zero(S);
            FloatVector norm1 = FloatVector.zero(S);
            for (int p = 0; p < pairs; p++) {
                FloatVector v0 = pair(data, b0, p, dimension);
                FloatVector v1 = pair(data, b1, p, dimension);
                norm0 = v0.fma(v0, norm0);
                norm1 = v1.fma(v1, norm1);
            }
            inverseSqrt(fold(norm0, norm1)).intoArray(out, outOffset + t * W);
        }
        if (t < tiles) {
            int b0 = offset + t * stride;
            FloatVector norm0 = FloatVector.zero(S);
            for (int p = 0; p < pairs; p++) {
                FloatVector v0 = pair(data, b0, p, dimension);
                norm0 = v0.fma(v0, norm0);
            }
            SCRATCH.get().lone(inverseSqrt(fold(norm0, FloatVector.zero(S))), out, outOffset + t * W);
        }
    }

    @Override
    public void cosineScores(float[][] queries, int count, float[] data, int offset, int tiles,
            float[] inverseNorms, float[][] out, int outOffset) {
        Scratch scratch = SCRATCH.get();
        int q = 0;
        for (; q + 8 <= count; q += 8) {
            float[][] e = scratch.expanded(queries, q);
            batch8(false, e, queries[q].length, data, offset, tiles, inverseNorms, out, q, outOffset, scratch);
        }
        for (; q < count; q++) {
            cosineScores1(scratch.expanded(0, queries[q]), queries[q].length, data, offset, tiles, inverseNorms,
                    out[q], outOffset, scratch);
        }
    }

    private static void cosineScores1(float[] e, int d, float[] data, int offset, int tiles, float[] inverseNorms,
            float[] out, int outOffset, Scratch scratch) {
        int pairs = (d + 1) / 2;
        int stride = W * d;
        int t = 0;
        for (; t + 2 <= tiles; t += 2) {
            int b0 = offset + t * stride;
            int b1 = b0 + stride;
            FloatVector dot0 = FloatVector.zero(S);
            FloatVector dot1 = FloatVector.zero(S);
            for (int p = 0; p < pairs; p++) {
                FloatVector x = FloatVector.fromArray(S, e, 16 * p);
                dot0 = pair(data, b0, p, d).fma(x, dot0);
                dot1 = pair(data, b1, p, d).fma(x, dot1);
            }
            int o = outOffset + t * W;
            fold(dot0, dot1).mul(FloatVector.fromArray(S, inverseNorms, o).neg()).intoArray(out, o);
        }
        if (t < tiles) {
            int b0 = offset + t * stride;
            FloatVector dot0 = FloatVector.zero(S);
            for (int p = 0; p < pairs; p++) {
                dot0 = pair(data, b0, p, d).fma(FloatVector.fromArray(S, e, 16 * p), dot0);
            }
            int o = outOffset + t * W;
            FloatVector sum = fold(dot0, FloatVector.zero(S));
            FloatVector n = FloatVector.fromArray(S, inverseNorms, o, LOW).neg();
            scratch.lone(sum.mul(n), out, o);
        }
    }

    /**
     * The tile's 8 rows in one 8-lane double vector (8 floats loaded and widened per component);
     * a lane's multiply and add are separate instructions, each rounded, as the scalar sums are.
     */
    @Override
    public void exactCosineParts(double[] query, float[] data, int offset, double[] squares, double[] dots) {
        DoubleVector s = DoubleVector.zero(D);
        DoubleVector d = DoubleVector.zero(D);
        for (int j = 0, at = offset; j < query.length; j++, at += W) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(TILE, data, at)
                    .convertShape(VectorOperators.F2D, D, 0);
            s = s.add(v.mul(v));
            d = d.add(DoubleVector.broadcast(D, query[j]).mul(v));
        }
        s.intoArray(squares, 0);
        d.intoArray(dots, 0);
    }

    @Override
    public void squareDistances(float[] query, float[] data, int offset, int tiles, float[] out, int outOffset) {
        Scratch scratch = SCRATCH.get();
        squareDistances1(scratch.expanded(0, query), query.length, data, offset, tiles, out, outOffset, scratch);
    }

    private static void squareDistances1(float[] e, int d, float[] data, int offset, int tiles, float[] out,
            int outOffset, Scratch scratch) {
        int pairs = (d + 1) / 2;
        int stride = W * d;
        int t = 0;
        for (; t + 2 <= tiles; t += 2) {
            int b0 = offset + t * stride;
            int b1 = b0 + stride;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            for (int p = 0; p < pairs; p++) {
                FloatVector x = FloatVector.fromArray(S, e, 16 * p);
                FloatVector e0 = pair(data, b0, p, d).sub(x);
                FloatVector e1 = pair(data, b1, p, d).sub(x);
                s0 = e0.fma(e0, s0);
                s1 = e1.fma(e1, s1);
            }
            fold(s0, s1).intoArray(out, outOffset + t * W);
        }
        if (t < tiles) {
            int b0 = offset + t * stride;
            FloatVector s0 = FloatVector.zero(S);
            for (int p = 0; p < pairs; p++) {
                FloatVector e0 = pair(data, b0, p, d).sub(FloatVector.fromArray(S, e, 16 * p));
                s0 = e0.fma(e0, s0);
            }
            scratch.lone(fold(s0, FloatVector.zero(S)), out, outOffset + t * W);
        }
    }

    @Override
    public void squareDistances(float[][] queries, int count, float[] data, int offset, int tiles, float[][] out,
            int outOffset) {
        Scratch scratch = SCRATCH.get();
        int q = 0;
        for (; q + 8 <= count; q += 8) {
            float[][] e = scratch.expanded(queries, q);
            batch8(true, e, queries[q].length, data, offset, tiles, null, out, q, outOffset, scratch);
        }
        for (; q < count; q++) {
            squareDistances1(scratch.expanded(0, queries[q]), queries[q].length, data, offset, tiles, out[q],
                    outOffset, scratch);
        }
    }

    /**
     * Eight queries (expanded in {@code e[0..7]}) by two tiles per pass: {@code -dot * inverseNorm}
     * (cosine) or {@code |q - row|^2} ({@code euclidean}) into {@code out[first + i]}.
     */
    private static void batch8(boolean euclidean, float[][] e, int d, float[] data, int offset, int tiles,
            float[] inverseNorms, float[][] out, int first, int outOffset, Scratch scratch) {
        float[] e0 = e[0];
        float[] e1 = e[1];
        float[] e2 = e[2];
        float[] e3 = e[3];
        float[] e4 = e[4];
        float[] e5 = e[5];
        float[] e6 = e[6];
        float[] e7 = e[7];
        int pairs = (d + 1) / 2;
        int stride = W * d;
        int t = 0;
        for (; t + 2 <= tiles; t += 2) {
            int b0 = offset + t * stride;
            int b1 = b0 + stride;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            FloatVector c0 = a0;
            FloatVector c1 = a0;
            FloatVector c2 = a0;
            FloatVector c3 = a0;
            FloatVector c4 = a0;
            FloatVector c5 = a0;
            FloatVector c6 = a0;
            FloatVector c7 = a0;
            if (euclidean) {
                for (int p = 0; p < pairs; p++) {
                    int at = 16 * p;
                    FloatVector v = pair(data, b0, p, d);
                    FloatVector u = pair(data, b1, p, d);
                    FloatVector x = FloatVector.fromArray(S, e0, at);
                    FloatVector y = v.sub(x);
                    FloatVector z = u.sub(x);
                    a0 = y.fma(y, a0);
                    c0 = z.fma(z, c0);
                    x = FloatVector.fromArray(S, e1, at);
                    y = v.sub(x);
                    z = u.sub(x);
                    a1 = y.fma(y, a1);
                    c1 = z.fma(z, c1);
                    x = FloatVector.fromArray(S, e2, at);
                    y = v.sub(x);
                    z = u.sub(x);
                    a2 = y.fma(y, a2);
                    c2 = z.fma(z, c2);
                    x = FloatVector.fromArray(S, e3, at);
                    y = v.sub(x);
                    z = u.sub(x);
                    a3 = y.fma(y, a3);
                    c3 = z.fma(z, c3);
                    x = FloatVector.fromArray(S, e4, at);
                    y = v.sub(x);
                    z = u.sub(x);
                    a4 = y.fma(y, a4);
                    c4 = z.fma(z, c4);
                    x = FloatVector.fromArray(S, e5, at);
                    y = v.sub(x);
                    z = u.sub(x);
                    a5 = y.fma(y, a5);
                    c5 = z.fma(z, c5);
                    x = FloatVector.fromArray(S, e6, at);
                    y = v.sub(x);
                    z = u.sub(x);
                    a6 = y.fma(y, a6);
                    c6 = z.fma(z, c6);
                    x = FloatVector.fromArray(S, e7, at);
                    y = v.sub(x);
                    z = u.sub(x);
                    a7 = y.fma(y, a7);
                    c7 = z.fma(z, c7);
                }
            } else {
                for (int p = 0; p < pairs; p++) {
                    int at = 16 * p;
                    FloatVector v = pair(data, b0, p, d);
                    FloatVector u = pair(data, b1, p, d);
                    FloatVector x = FloatVector.fromArray(S, e0, at);
                    a0 = v.fma(x, a0);
                    c0 = u.fma(x, c0);
                    x = FloatVector.fromArray(S, e1, at);
                    a1 = v.fma(x, a1);
                    c1 = u.fma(x, c1);
                    x = FloatVector.fromArray(S, e2, at);
                    a2 = v.fma(x, a2);
                    c2 = u.fma(x, c2);
                    x = FloatVector.fromArray(S, e3, at);
                    a3 = v.fma(x, a3);
                    c3 = u.fma(x, c3);
                    x = FloatVector.fromArray(S, e4, at);
                    a4 = v.fma(x, a4);
                    c4 = u.fma(x, c4);
                    x = FloatVector.fromArray(S, e5, at);
                    a5 = v.fma(x, a5);
                    c5 = u.fma(x, c5);
                    x = FloatVector.fromArray(S, e6, at);
                    a6 = v.fma(x, a6);
                    c6 = u.fma(x, c6);
                    x = FloatVector.fromArray(S, e7, at);
                    a7 = v.fma(x, a7);
                    c7 = u.fma(x, c7);
                }
            }
            int o = outOffset + t * W;
            FloatVector n = euclidean ? null : FloatVector.fromArray(S, inverseNorms, o).neg();
            store(fold(a0, c0), n, out[first], o);
            store(fold(a1, c1), n, out[first + 1], o);
            store(fold(a2, c2), n, out[first + 2], o);
            store(fold(a3, c3), n, out[first + 3], o);
            store(fold(a4, c4), n, out[first + 4], o);
            store(fold(a5, c5), n, out[first + 5], o);
            store(fold(a6, c6), n, out[first + 6], o);
            store(fold(a7, c7), n, out[first + 7], o);
        }
        if (t < tiles) { // a last, lone tile: query by query
            int rest = tiles - t;
            int from = offset + t * stride;
            int o = outOffset + t * W;
            for (int i = 0; i < 8; i++) {
                if (euclidean) {
                    squareDistances1(e[i], d, data, from, rest, out[first + i], o, scratch);
                } else {
                    cosineScores1(e[i], d, data, from, rest, inverseNorms, out[first + i], o, scratch);
                }
            }
        }
    }

    /** {@code sums}, times {@code negatedInverseNorms} unless null, into {@code out[o..o + 16)}. */
    private static void store(FloatVector sums, FloatVector negatedInverseNorms, float[] out, int o) {
        (negatedInverseNorms == null ? sums : sums.mul(negatedInverseNorms)).intoArray(out, o);
    }

    /**
     * Components {@code 2p} (lanes 0-7) and {@code 2p + 1} (lanes 8-15) of the tile at {@code base};
     * the upper half zero when {@code 2p + 1 == d}.
     */
    private static FloatVector pair(float[] data, int base, int p, int d) {
        return 2 * p + 1 < d ? FloatVector.fromArray(S, data, base + 16 * p)
                : FloatVector.fromArray(S, data, base + 16 * p, LOW);
    }

    /**
     * {@code [x_lo + x_hi, y_lo + y_hi]}: the rows of tile {@code x} (even components in the low
     * half, odd in the high) in lanes 0-7, those of {@code y} in lanes 8-15.
     */
    private static FloatVector fold(FloatVector x, FloatVector y) {
        return x.blend(y, HIGH).add(y.blend(x, HIGH).rearrange(SWAP));
    }

    private static FloatVector inverseSqrt(FloatVector squaredNorm) {
        return FloatVector.broadcast(S, 1f).div(squaredNorm.max(Float.MIN_NORMAL).sqrt());
    }

    /** A thread's scratch arrays. */
    private static final class Scratch {
        private float[][] expanded = new float[8][0];
        private final float[][] eight = new float[8][];
        private final float[] lone = new float[16];

        /**
         * {@code query} expanded into slot {@code slot}: floats {@code 16 p .. 16 p + 7} are
         * {@code query[2p]}, {@code 16 p + 8 .. 16 p + 15} are {@code query[2p + 1]} (0 past the end).
         */
        float[] expanded(int slot, float[] query) {
            int d = query.length;
            int length = 16 * ((d + 1) / 2);
            float[] e = expanded[slot];
            if (e.length < length) {
                e = new float[length];
                expanded[slot] = e;
            }
            int p = 0;
            for (; 2 * p + 1 < d; p++) {
                FloatVector.broadcast(S, query[2 * p]).blend(FloatVector.broadcast(S, query[2 * p + 1]), HIGH)
                        .intoArray(e, 16 * p);
            }
            if (2 * p < d) { // an odd last component: its pair's upper half is 0
                FloatVector.broadcast(S, query[2 * p]).blend(FloatVector.zero(S), HIGH).intoArray(e, 16 * p);
            }
            return e;
        }

        /** Queries {@code [first, first + 8)} expanded into slots 0-7. */
        float[][] expanded(float[][] queries, int first) {
            for (int i = 0; i < 8; i++) {
                eight[i] = expanded(i, queries[first + i]);
            }
            return eight;
        }

        /** The 8 low lanes of {@code scores} into {@code out[o..o + 8)}. */
        void lone(FloatVector scores, float[] out, int o) {
            scores.intoArray(lone, 0);
            System.arraycopy(lone, 0, out, o, W);
        }
    }
}
