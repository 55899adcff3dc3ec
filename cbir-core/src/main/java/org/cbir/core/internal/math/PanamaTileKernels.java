package org.cbir.core.internal.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels of {@link RowTiles} on the incubating Vector API ({@code jdk.incubator.vector}):
 * one 256-bit vector holds one component of the {@link RowTiles#WIDTH 8} rows of a tile, the
 * query's component is broadcast, and fused multiply-adds accumulate 8 rows at once. Two tiles
 * (one query), or eight queries by one tile (a batch; four by two, then one by two, for the
 * rest) are scored together, so that 4 to 8 independent accumulators keep both FMA units busy and
 * a batch loads each component of a tile once for eight queries (this measured about a fifth less
 * CPU time than four queries by two tiles, 100,000 x 512 on one thread of the AMD EPYC of
 * BENCHMARKS.md). From {@link #BLOCKED_DIMENSION} dimensions a batch is scored four queries by
 * four tiles per pass instead (a 4 x 4 register tile of 16 accumulators: half the loads per FMA of
 * eight by one, which matters once the tiles come from the L2 cache rather than from memory).
 *
 * <p>References {@code jdk.incubator.vector}: loaded reflectively by {@link VectorizationProvider}
 * only when that module is present. Stateless and thread-safe.
 */
final class PanamaTileKernels implements TileKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    /** Half a tile's component (4 rows), widened to {@link #D} for the exact cosine parts. */
    private static final VectorSpecies<Float> HALF = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    private static final int W = RowTiles.WIDTH;
    /**
     * The dimension from which a batch is scored four queries by four tiles
     * ({@link #cosineScores4x4}); below it, eight queries by one tile, whose tile of {@code 8 d}
     * floats is loaded once for eight queries (at d = 16 the scan is bound by reading the rows,
     * not by the FMAs).
     */
    static final int BLOCKED_DIMENSION = Integer.getInteger("cbir.tiles.blockedDimension", 64);

    /** @throws UnsupportedOperationException if the CPU's vectors are narrower than 256 bits */
    PanamaTileKernels() {
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < 256 || S.length() != W) {
            throw new UnsupportedOperationException("the preferred float vector has only "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits");
        }
    }

    @Override
    public String name() {
        return "panama-256";
    }

    @Override
    public void cosineScores(float[] query, float[] data, int offset, int tiles, float[] out, int outOffset) {
        int d = query.length;
        int stride = W * d;
        int t = 0;
        for (; t + 2 <= tiles; t += 2) {
            int b0 = offset + t * stride;
            int b1 = b0 + stride;
            FloatVector dot0 = FloatVector.zero(S);
            FloatVector dot1 = FloatVector.zero(S);
            FloatVector norm0 = FloatVector.zero(S);
            FloatVector norm1 = FloatVector.zero(S);
            for (int j = 0; j < d; j++) {
                FloatVector q = FloatVector.broadcast(S, query[j]);
                FloatVector v0 = FloatVector.fromArray(S, data, b0 + j * W);
                FloatVector v1 = FloatVector.fromArray(S, data, b1 + j * W);
                dot0 = v0.fma(q, dot0);
                norm0 = v0.fma(v0, norm0);
                dot1 = v1.fma(q, dot1);
                norm1 = v1.fma(v1, norm1);
            }
            dot0.neg().mul(inverseSqrt(norm0)).intoArray(out, outOffset + t * W);
            dot1.neg().mul(inverseSqrt(norm1)).intoArray(out, outOffset + t * W + W);
        }
        if (t < tiles) {
            int b0 = offset + t * stride;
            FloatVector dot0 = FloatVector.zero(S);
            FloatVector norm0 = FloatVector.zero(S);
            for (int j = 0; j < d; j++) {
                FloatVector v0 = FloatVector.fromArray(S, data, b0 + j * W);
                dot0 = v0.fma(FloatVector.broadcast(S, query[j]), dot0);
                norm0 = v0.fma(v0, norm0);
            }
            dot0.neg().mul(inverseSqrt(norm0)).intoArray(out, outOffset + t * W);
        }
    }

    @Override
    public void inverseNorms(int dimension, float[] data, int offset, int tiles, float[] out, int outOffset) {
        int stride = W * dimension;
        for (int t = 0; t < tiles; t++) {
            int b0 = offset + t * stride;
            FloatVector norm0 = FloatVector.zero(S);
            FloatVector norm1 = FloatVector.zero(S);
            int j = 0;
            for (; j + 2 <= dimension; j += 2) {
                FloatVector v0 = FloatVector.fromArray(S, data, b0 + j * W);
                FloatVector v1 = FloatVector.fromArray(S, data, b0 + j * W + W);
                norm0 = v0.fma(v0, norm0);
                norm1 = v1.fma(v1, norm1);
            }
            if (j < dimension) {
                FloatVector v0 = FloatVector.fromArray(S, data, b0 + j * W);
                norm0 = v0.fma(v0, norm0);
            }
            inverseSqrt(norm0.add(norm1)).intoArray(out, outOffset + t * W);
        }
    }

    @Override
    public void cosineScores(float[][] queries, int count, float[] data, int offset, int tiles,
            float[] inverseNorms, float[][] out, int outOffset) {
        int q = 0;
        if (queries[0].length >= BLOCKED_DIMENSION) {
            for (; q + 4 <= count; q += 4) {
                cosineScores4x4(queries[q], queries[q + 1], queries[q + 2], queries[q + 3], data, offset, tiles,
                        inverseNorms, out[q], out[q + 1], out[q + 2], out[q + 3], outOffset);
            }
        }
        for (; q + 8 <= count; q += 8) {
            cosineScores8(queries, q, data, offset, tiles, inverseNorms, out, outOffset);
        }
        for (; q + 4 <= count; q += 4) {
            cosineScores4(queries[q], queries[q + 1], queries[q + 2], queries[q + 3], data, offset, tiles,
                    inverseNorms, out[q], out[q + 1], out[q + 2], out[q + 3], outOffset);
        }
        for (; q < count; q++) {
            cosineScores1(queries[q], data, offset, tiles, inverseNorms, out[q], outOffset);
        }
    }

    /** Queries {@code [q, q + 8)}, one tile at a time: one load of the tile per eight FMAs. */
    private static void cosineScores8(float[][] queries, int q, float[] data, int offset, int tiles,
            float[] inverseNorms, float[][] out, int outOffset) {
        float[] q0 = queries[q];
        float[] q1 = queries[q + 1];
        float[] q2 = queries[q + 2];
        float[] q3 = queries[q + 3];
        float[] q4 = queries[q + 4];
        float[] q5 = queries[q + 5];
        float[] q6 = queries[q + 6];
        float[] q7 = queries[q + 7];
        int d = q0.length;
        int stride = W * d;
        for (int t = 0; t < tiles; t++) {
            int base = offset + t * stride;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            FloatVector a4 = FloatVector.zero(S);
            FloatVector a5 = FloatVector.zero(S);
            FloatVector a6 = FloatVector.zero(S);
            FloatVector a7 = FloatVector.zero(S);
            for (int j = 0; j < d; j++) {
                FloatVector v = FloatVector.fromArray(S, data, base + j * W);
                a0 = v.fma(FloatVector.broadcast(S, q0[j]), a0);
                a1 = v.fma(FloatVector.broadcast(S, q1[j]), a1);
                a2 = v.fma(FloatVector.broadcast(S, q2[j]), a2);
                a3 = v.fma(FloatVector.broadcast(S, q3[j]), a3);
                a4 = v.fma(FloatVector.broadcast(S, q4[j]), a4);
                a5 = v.fma(FloatVector.broadcast(S, q5[j]), a5);
                a6 = v.fma(FloatVector.broadcast(S, q6[j]), a6);
                a7 = v.fma(FloatVector.broadcast(S, q7[j]), a7);
            }
            int o = outOffset + t * W;
            FloatVector n = FloatVector.fromArray(S, inverseNorms, o).neg();
            a0.mul(n).intoArray(out[q], o);
            a1.mul(n).intoArray(out[q + 1], o);
            a2.mul(n).intoArray(out[q + 2], o);
            a3.mul(n).intoArray(out[q + 3], o);
            a4.mul(n).intoArray(out[q + 4], o);
            a5.mul(n).intoArray(out[q + 5], o);
            a6.mul(n).intoArray(out[q + 6], o);
            a7.mul(n).intoArray(out[q + 7], o);
        }
    }

    /**
     * Four queries by four tiles per pass (a 4 x 4 register tile: 16 accumulators, four loads of
     * tile components and four broadcasts per 16 FMAs, against nine per eight in
     * {@link #cosineScores8}); the last one to three tiles by {@link #cosineScores4}.
     */
    private static void cosineScores4x4(float[] qa, float[] qb, float[] qc, float[] qd, float[] data, int offset,
            int tiles, float[] inverseNorms, float[] oa, float[] ob, float[] oc, float[] od, int outOffset) {
        int d = qa.length;
        int stride = W * d;
        int t = 0;
        for (; t + 4 <= tiles; t += 4) {
            int b0 = offset + t * stride;
            int b1 = b0 + stride;
            int b2 = b1 + stride;
            int b3 = b2 + stride;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector b0v = a0;
            FloatVector b1v = a0;
            FloatVector b2v = a0;
            FloatVector b3v = a0;
            FloatVector c0 = a0;
            FloatVector c1 = a0;
            FloatVector c2 = a0;
            FloatVector c3 = a0;
            FloatVector d0 = a0;
            FloatVector d1 = a0;
            FloatVector d2 = a0;
            FloatVector d3 = a0;
            for (int j = 0, at = 0; j < d; j++, at += W) {
                FloatVector v0 = FloatVector.fromArray(S, data, b0 + at);
                FloatVector v1 = FloatVector.fromArray(S, data, b1 + at);
                FloatVector v2 = FloatVector.fromArray(S, data, b2 + at);
                FloatVector v3 = FloatVector.fromArray(S, data, b3 + at);
                FloatVector x = FloatVector.broadcast(S, qa[j]);
                a0 = v0.fma(x, a0);
                a1 = v1.fma(x, a1);
                a2 = v2.fma(x, a2);
                a3 = v3.fma(x, a3);
                x = FloatVector.broadcast(S, qb[j]);
                b0v = v0.fma(x, b0v);
                b1v = v1.fma(x, b1v);
                b2v = v2.fma(x, b2v);
                b3v = v3.fma(x, b3v);
                x = FloatVector.broadcast(S, qc[j]);
                c0 = v0.fma(x, c0);
                c1 = v1.fma(x, c1);
                c2 = v2.fma(x, c2);
                c3 = v3.fma(x, c3);
                x = FloatVector.broadcast(S, qd[j]);
                d0 = v0.fma(x, d0);
                d1 = v1.fma(x, d1);
                d2 = v2.fma(x, d2);
                d3 = v3.fma(x, d3);
            }
            int o = outOffset + t * W;
            FloatVector n0 = FloatVector.fromArray(S, inverseNorms, o).neg();
            FloatVector n1 = FloatVector.fromArray(S, inverseNorms, o + W).neg();
            FloatVector n2 = FloatVector.fromArray(S, inverseNorms, o + 2 * W).neg();
            FloatVector n3 = FloatVector.fromArray(S, inverseNorms, o + 3 * W).neg();
            a0.mul(n0).intoArray(oa, o);
            a1.mul(n1).intoArray(oa, o + W);
            a2.mul(n2).intoArray(oa, o + 2 * W);
            a3.mul(n3).intoArray(oa, o + 3 * W);
            b0v.mul(n0).intoArray(ob, o);
            b1v.mul(n1).intoArray(ob, o + W);
            b2v.mul(n2).intoArray(ob, o + 2 * W);
            b3v.mul(n3).intoArray(ob, o + 3 * W);
            c0.mul(n0).intoArray(oc, o);
            c1.mul(n1).intoArray(oc, o + W);
            c2.mul(n2).intoArray(oc, o + 2 * W);
            c3.mul(n3).intoArray(oc, o + 3 * W);
            d0.mul(n0).intoArray(od, o);
            d1.mul(n1).intoArray(od, o + W);
            d2.mul(n2).intoArray(od, o + 2 * W);
            d3.mul(n3).intoArray(od, o + 3 * W);
        }
        if (t < tiles) {
            cosineScores4(qa, qb, qc, qd, data, offset + t * stride, tiles - t, inverseNorms, oa, ob, oc, od,
                    outOffset + t * W);
        }
    }

    private static void cosineScores4(float[] qa, float[] qb, float[] qc, float[] qd, float[] data, int offset,
            int tiles, float[] inverseNorms, float[] oa, float[] ob, float[] oc, float[] od, int outOffset) {
        int d = qa.length;
        int stride = W * d;
        int t = 0;
        for (; t + 2 <= tiles; t += 2) {
            int b0 = offset + t * stride;
            int b1 = b0 + stride;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector b0v = FloatVector.zero(S);
            FloatVector b1v = FloatVector.zero(S);
            FloatVector c0 = FloatVector.zero(S);
            FloatVector c1 = FloatVector.zero(S);
            FloatVector d0 = FloatVector.zero(S);
            FloatVector d1 = FloatVector.zero(S);
            for (int j = 0; j < d; j++) {
                FloatVector v0 = FloatVector.fromArray(S, data, b0 + j * W);
                FloatVector v1 = FloatVector.fromArray(S, data, b1 + j * W);
                FloatVector x = FloatVector.broadcast(S, qa[j]);
                a0 = v0.fma(x, a0);
                a1 = v1.fma(x, a1);
                x = FloatVector.broadcast(S, qb[j]);
                b0v = v0.fma(x, b0v);
                b1v = v1.fma(x, b1v);
                x = FloatVector.broadcast(S, qc[j]);
                c0 = v0.fma(x, c0);
                c1 = v1.fma(x, c1);
                x = FloatVector.broadcast(S, qd[j]);
                d0 = v0.fma(x, d0);
                d1 = v1.fma(x, d1);
            }
            int o = outOffset + t * W;
            FloatVector n0 = FloatVector.fromArray(S, inverseNorms, o).neg();
            FloatVector n1 = FloatVector.fromArray(S, inverseNorms, o + W).neg();
            a0.mul(n0).intoArray(oa, o);
            a1.mul(n1).intoArray(oa, o + W);
            b0v.mul(n0).intoArray(ob, o);
            b1v.mul(n1).intoArray(ob, o + W);
            c0.mul(n0).intoArray(oc, o);
            c1.mul(n1).intoArray(oc, o + W);
            d0.mul(n0).intoArray(od, o);
            d1.mul(n1).intoArray(od, o + W);
        }
        for (; t < tiles; t++) {
            int b0 = offset + t * stride;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector b0v = FloatVector.zero(S);
            FloatVector c0 = FloatVector.zero(S);
            FloatVector d0 = FloatVector.zero(S);
            for (int j = 0; j < d; j++) {
                FloatVector v0 = FloatVector.fromArray(S, data, b0 + j * W);
                a0 = v0.fma(FloatVector.broadcast(S, qa[j]), a0);
                b0v = v0.fma(FloatVector.broadcast(S, qb[j]), b0v);
                c0 = v0.fma(FloatVector.broadcast(S, qc[j]), c0);
                d0 = v0.fma(FloatVector.broadcast(S, qd[j]), d0);
            }
            int o = outOffset + t * W;
            FloatVector n0 = FloatVector.fromArray(S, inverseNorms, o).neg();
            a0.mul(n0).intoArray(oa, o);
            b0v.mul(n0).intoArray(ob, o);
            c0.mul(n0).intoArray(oc, o);
            d0.mul(n0).intoArray(od, o);
        }
    }

    private static void cosineScores1(float[] query, float[] data, int offset, int tiles, float[] inverseNorms,
            float[] out, int outOffset) {
        int d = query.length;
        int stride = W * d;
        int t = 0;
        for (; t + 2 <= tiles; t += 2) {
            int b0 = offset + t * stride;
            int b1 = b0 + stride;
            FloatVector dot0 = FloatVector.zero(S);
            FloatVector dot1 = FloatVector.zero(S);
            for (int j = 0; j < d; j++) {
                FloatVector q = FloatVector.broadcast(S, query[j]);
                dot0 = FloatVector.fromArray(S, data, b0 + j * W).fma(q, dot0);
                dot1 = FloatVector.fromArray(S, data, b1 + j * W).fma(q, dot1);
            }
            int o = outOffset + t * W;
            dot0.mul(FloatVector.fromArray(S, inverseNorms, o).neg()).intoArray(out, o);
            dot1.mul(FloatVector.fromArray(S, inverseNorms, o + W).neg()).intoArray(out, o + W);
        }
        if (t < tiles) {
            int b0 = offset + t * stride;
            FloatVector dot0 = FloatVector.zero(S);
            for (int j = 0; j < d; j++) {
                dot0 = FloatVector.fromArray(S, data, b0 + j * W).fma(FloatVector.broadcast(S, query[j]), dot0);
            }
            int o = outOffset + t * W;
            dot0.mul(FloatVector.fromArray(S, inverseNorms, o).neg()).intoArray(out, o);
        }
    }

    /**
     * Rows 0-3 and 4-7 of the tile in two 4-lane double vectors (4 floats loaded and widened per
     * component and half), so four independent sums run at once; a lane's multiply and add are
     * separate instructions, each rounded, as the scalar sums are.
     */
    @Override
    public void exactCosineParts(double[] query, float[] data, int offset, double[] squares, double[] dots) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        DoubleVector d0 = DoubleVector.zero(D);
        DoubleVector d1 = DoubleVector.zero(D);
        for (int j = 0, at = offset; j < query.length; j++, at += W) {
            DoubleVector q = DoubleVector.broadcast(D, query[j]);
            DoubleVector v0 = (DoubleVector) FloatVector.fromArray(HALF, data, at)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector v1 = (DoubleVector) FloatVector.fromArray(HALF, data, at + 4)
                    .convertShape(VectorOperators.F2D, D, 0);
            s0 = s0.add(v0.mul(v0));
            s1 = s1.add(v1.mul(v1));
            d0 = d0.add(q.mul(v0));
            d1 = d1.add(q.mul(v1));
        }
        s0.intoArray(squares, 0);
        s1.intoArray(squares, 4);
        d0.intoArray(dots, 0);
        d1.intoArray(dots, 4);
    }

    @Override
    public void squareDistances(float[] query, float[] data, int offset, int tiles, float[] out, int outOffset) {
        int d = query.length;
        int stride = W * d;
        int t = 0;
        for (; t + 2 <= tiles; t += 2) {
            int b0 = offset + t * stride;
            int b1 = b0 + stride;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            for (int j = 0; j < d; j++) {
                FloatVector q = FloatVector.broadcast(S, query[j]);
                FloatVector e0 = FloatVector.fromArray(S, data, b0 + j * W).sub(q);
                FloatVector e1 = FloatVector.fromArray(S, data, b1 + j * W).sub(q);
                s0 = e0.fma(e0, s0);
                s1 = e1.fma(e1, s1);
            }
            s0.intoArray(out, outOffset + t * W);
            s1.intoArray(out, outOffset + t * W + W);
        }
        if (t < tiles) {
            int b0 = offset + t * stride;
            FloatVector s0 = FloatVector.zero(S);
            for (int j = 0; j < d; j++) {
                FloatVector e0 = FloatVector.fromArray(S, data, b0 + j * W).sub(FloatVector.broadcast(S, query[j]));
                s0 = e0.fma(e0, s0);
            }
            s0.intoArray(out, outOffset + t * W);
        }
    }

    @Override
    public void squareDistances(float[][] queries, int count, float[] data, int offset, int tiles, float[][] out,
            int outOffset) {
        int q = 0;
        if (queries[0].length >= BLOCKED_DIMENSION) {
            for (; q + 4 <= count; q += 4) {
                squareDistances4x4(queries[q], queries[q + 1], queries[q + 2], queries[q + 3], data, offset, tiles,
                        out[q], out[q + 1], out[q + 2], out[q + 3], outOffset);
            }
        }
        for (; q + 8 <= count; q += 8) {
            squareDistances8(queries, q, data, offset, tiles, out, outOffset);
        }
        for (; q + 4 <= count; q += 4) {
            squareDistances4(queries[q], queries[q + 1], queries[q + 2], queries[q + 3], data, offset, tiles,
                    out[q], out[q + 1], out[q + 2], out[q + 3], outOffset);
        }
        for (; q < count; q++) {
            squareDistances(queries[q], data, offset, tiles, out[q], outOffset);
        }
    }

    /** Queries {@code [q, q + 8)}, one tile at a time. */
    private static void squareDistances8(float[][] queries, int q, float[] data, int offset, int tiles, float[][] out,
            int outOffset) {
        float[] q0 = queries[q];
        float[] q1 = queries[q + 1];
        float[] q2 = queries[q + 2];
        float[] q3 = queries[q + 3];
        float[] q4 = queries[q + 4];
        float[] q5 = queries[q + 5];
        float[] q6 = queries[q + 6];
        float[] q7 = queries[q + 7];
        int d = q0.length;
        int stride = W * d;
        for (int t = 0; t < tiles; t++) {
            int base = offset + t * stride;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            FloatVector a4 = FloatVector.zero(S);
            FloatVector a5 = FloatVector.zero(S);
            FloatVector a6 = FloatVector.zero(S);
            FloatVector a7 = FloatVector.zero(S);
            for (int j = 0; j < d; j++) {
                FloatVector v = FloatVector.fromArray(S, data, base + j * W);
                FloatVector x = v.sub(FloatVector.broadcast(S, q0[j]));
                a0 = x.fma(x, a0);
                x = v.sub(FloatVector.broadcast(S, q1[j]));
                a1 = x.fma(x, a1);
                x = v.sub(FloatVector.broadcast(S, q2[j]));
                a2 = x.fma(x, a2);
                x = v.sub(FloatVector.broadcast(S, q3[j]));
                a3 = x.fma(x, a3);
                x = v.sub(FloatVector.broadcast(S, q4[j]));
                a4 = x.fma(x, a4);
                x = v.sub(FloatVector.broadcast(S, q5[j]));
                a5 = x.fma(x, a5);
                x = v.sub(FloatVector.broadcast(S, q6[j]));
                a6 = x.fma(x, a6);
                x = v.sub(FloatVector.broadcast(S, q7[j]));
                a7 = x.fma(x, a7);
            }
            int o = outOffset + t * W;
            a0.intoArray(out[q], o);
            a1.intoArray(out[q + 1], o);
            a2.intoArray(out[q + 2], o);
            a3.intoArray(out[q + 3], o);
            a4.intoArray(out[q + 4], o);
            a5.intoArray(out[q + 5], o);
            a6.intoArray(out[q + 6], o);
            a7.intoArray(out[q + 7], o);
        }
    }

    /** {@link #cosineScores4x4} for squared distances; the last one to three tiles by {@link #squareDistances4}. */
    private static void squareDistances4x4(float[] qa, float[] qb, float[] qc, float[] qd, float[] data, int offset,
            int tiles, float[] oa, float[] ob, float[] oc, float[] od, int outOffset) {
        int d = qa.length;
        int stride = W * d;
        int t = 0;
        for (; t + 4 <= tiles; t += 4) {
            int b0 = offset + t * stride;
            int b1 = b0 + stride;
            int b2 = b1 + stride;
            int b3 = b2 + stride;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector b0v = a0;
            FloatVector b1v = a0;
            FloatVector b2v = a0;
            FloatVector b3v = a0;
            FloatVector c0 = a0;
            FloatVector c1 = a0;
            FloatVector c2 = a0;
            FloatVector c3 = a0;
            FloatVector d0 = a0;
            FloatVector d1 = a0;
            FloatVector d2 = a0;
            FloatVector d3 = a0;
            for (int j = 0, at = 0; j < d; j++, at += W) {
                FloatVector v0 = FloatVector.fromArray(S, data, b0 + at);
                FloatVector v1 = FloatVector.fromArray(S, data, b1 + at);
                FloatVector v2 = FloatVector.fromArray(S, data, b2 + at);
                FloatVector v3 = FloatVector.fromArray(S, data, b3 + at);
                FloatVector x = FloatVector.broadcast(S, qa[j]);
                FloatVector e0 = v0.sub(x);
                FloatVector e1 = v1.sub(x);
                FloatVector e2 = v2.sub(x);
                FloatVector e3 = v3.sub(x);
                a0 = e0.fma(e0, a0);
                a1 = e1.fma(e1, a1);
                a2 = e2.fma(e2, a2);
                a3 = e3.fma(e3, a3);
                x = FloatVector.broadcast(S, qb[j]);
                e0 = v0.sub(x);
                e1 = v1.sub(x);
                e2 = v2.sub(x);
                e3 = v3.sub(x);
                b0v = e0.fma(e0, b0v);
                b1v = e1.fma(e1, b1v);
                b2v = e2.fma(e2, b2v);
                b3v = e3.fma(e3, b3v);
                x = FloatVector.broadcast(S, qc[j]);
                e0 = v0.sub(x);
                e1 = v1.sub(x);
                e2 = v2.sub(x);
                e3 = v3.sub(x);
                c0 = e0.fma(e0, c0);
                c1 = e1.fma(e1, c1);
                c2 = e2.fma(e2, c2);
                c3 = e3.fma(e3, c3);
                x = FloatVector.broadcast(S, qd[j]);
                e0 = v0.sub(x);
                e1 = v1.sub(x);
                e2 = v2.sub(x);
                e3 = v3.sub(x);
                d0 = e0.fma(e0, d0);
                d1 = e1.fma(e1, d1);
                d2 = e2.fma(e2, d2);
                d3 = e3.fma(e3, d3);
            }
            int o = outOffset + t * W;
            a0.intoArray(oa, o);
            a1.intoArray(oa, o + W);
            a2.intoArray(oa, o + 2 * W);
            a3.intoArray(oa, o + 3 * W);
            b0v.intoArray(ob, o);
            b1v.intoArray(ob, o + W);
            b2v.intoArray(ob, o + 2 * W);
            b3v.intoArray(ob, o + 3 * W);
            c0.intoArray(oc, o);
            c1.intoArray(oc, o + W);
            c2.intoArray(oc, o + 2 * W);
            c3.intoArray(oc, o + 3 * W);
            d0.intoArray(od, o);
            d1.intoArray(od, o + W);
            d2.intoArray(od, o + 2 * W);
            d3.intoArray(od, o + 3 * W);
        }
        if (t < tiles) {
            squareDistances4(qa, qb, qc, qd, data, offset + t * stride, tiles - t, oa, ob, oc, od, outOffset + t * W);
        }
    }

    private static void squareDistances4(float[] qa, float[] qb, float[] qc, float[] qd, float[] data, int offset,
            int tiles, float[] oa, float[] ob, float[] oc, float[] od, int outOffset) {
        int d = qa.length;
        int stride = W * d;
        for (int t = 0; t < tiles; t++) {
            int b0 = offset + t * stride;
            FloatVector a = FloatVector.zero(S);
            FloatVector b = FloatVector.zero(S);
            FloatVector c = FloatVector.zero(S);
            FloatVector e = FloatVector.zero(S);
            for (int j = 0; j < d; j++) {
                FloatVector v = FloatVector.fromArray(S, data, b0 + j * W);
                FloatVector x = v.sub(FloatVector.broadcast(S, qa[j]));
                a = x.fma(x, a);
                x = v.sub(FloatVector.broadcast(S, qb[j]));
                b = x.fma(x, b);
                x = v.sub(FloatVector.broadcast(S, qc[j]));
                c = x.fma(x, c);
                x = v.sub(FloatVector.broadcast(S, qd[j]));
                e = x.fma(x, e);
            }
            int o = outOffset + t * W;
            a.intoArray(oa, o);
            b.intoArray(ob, o);
            c.intoArray(oc, o);
            e.intoArray(od, o);
        }
    }

    private static FloatVector inverseSqrt(FloatVector squaredNorm) {
        return FloatVector.broadcast(S, 1f).div(squaredNorm.max(Float.MIN_NORMAL).sqrt());
    }
}
