package org.cbir.core.internal.math;

import java.util.Arrays;

/**
 * Plain Java loops over the tiles of {@link RowTiles}: the inner loop over the rows of a tile
 * is a simple array loop that the JIT may vectorise by itself. The fallback wherever the Vector
 * API is not available. Stateless and thread-safe.
 */
final class ScalarTileKernels implements TileKernels {
    private static final int W = RowTiles.WIDTH;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void cosineScores(float[] query, float[] data, int offset, int tiles, float[] out, int outOffset) {
        int d = query.length;
        float[] dot = new float[W];
        float[] norm = new float[W];
        for (int t = 0, base = offset; t < tiles; t++, base += W * d) {
            Arrays.fill(dot, 0f);
            Arrays.fill(norm, 0f);
            for (int j = 0; j < d; j++) {
                float q = query[j];
                int at = base + j * W;
                for (int r = 0; r < W; r++) {
                    float v = data[at + r];
                    dot[r] += q * v;
                    norm[r] += v * v;
                }
            }
            for (int r = 0; r < W; r++) {
                out[outOffset + t * W + r] = -dot[r] * inverseSqrt(norm[r]);
            }
        }
    }

    @Override
    public void inverseNorms(int dimension, float[] data, int offset, int tiles, float[] out, int outOffset) {
        float[] norm = new float[W];
        for (int t = 0, base = offset; t < tiles; t++, base += W * dimension) {
            Arrays.fill(norm, 0f);
            for (int j = 0; j < dimension; j++) {
                int at = base + j * W;
                for (int r = 0; r < W; r++) {
                    float v = data[at + r];
                    norm[r] += v * v;
                }
            }
            for (int r = 0; r < W; r++) {
                out[outOffset + t * W + r] = inverseSqrt(norm[r]);
            }
        }
    }

    @Override
    public void cosineScores(float[][] queries, int count, float[] data, int offset, int tiles,
            float[] inverseNorms, float[][] out, int outOffset) {
        float[] dot = new float[W];
        for (int q = 0; q < count; q++) {
            float[] query = queries[q];
            int d = query.length;
            for (int t = 0, base = offset; t < tiles; t++, base += W * d) {
                Arrays.fill(dot, 0f);
                for (int j = 0; j < d; j++) {
                    float x = query[j];
                    int at = base + j * W;
                    for (int r = 0; r < W; r++) {
                        dot[r] += x * data[at + r];
                    }
                }
                int o = outOffset + t * W;
                for (int r = 0; r < W; r++) {
                    out[q][o + r] = -dot[r] * inverseNorms[o + r];
                }
            }
        }
    }

    /** Four rows at a time, so that their additions overlap instead of waiting on one another. */
    @Override
    public void exactCosineParts(double[] query, float[] data, int offset, double[] squares, double[] dots) {
        int d = query.length;
        for (int lane = 0; lane < W; lane += 4) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double d0 = 0;
            double d1 = 0;
            double d2 = 0;
            double d3 = 0;
            for (int j = 0, at = offset + lane; j < d; j++, at += W) {
                double q = query[j];
                double v0 = data[at];
                double v1 = data[at + 1];
                double v2 = data[at + 2];
                double v3 = data[at + 3];
                s0 += v0 * v0;
                s1 += v1 * v1;
                s2 += v2 * v2;
                s3 += v3 * v3;
                d0 += q * v0;
                d1 += q * v1;
                d2 += q * v2;
                d3 += q * v3;
            }
            squares[lane] = s0;
            squares[lane + 1] = s1;
            squares[lane + 2] = s2;
            squares[lane + 3] = s3;
            dots[lane] = d0;
            dots[lane + 1] = d1;
            dots[lane + 2] = d2;
            dots[lane + 3] = d3;
        }
    }

    @Override
    public void squareDistances(float[] query, float[] data, int offset, int tiles, float[] out, int outOffset) {
        int d = query.length;
        float[] sum = new float[W];
        for (int t = 0, base = offset; t < tiles; t++, base += W * d) {
            Arrays.fill(sum, 0f);
            for (int j = 0; j < d; j++) {
                float q = query[j];
                int at = base + j * W;
                for (int r = 0; r < W; r++) {
                    float diff = data[at + r] - q;
                    sum[r] += diff * diff;
                }
            }
            System.arraycopy(sum, 0, out, outOffset + t * W, W);
        }
    }

    @Override
    public void squareDistances(float[][] queries, int count, float[] data, int offset, int tiles, float[][] out,
            int outOffset) {
        for (int q = 0; q < count; q++) {
            squareDistances(queries[q], data, offset, tiles, out[q], outOffset);
        }
    }

    /** {@code 1 / sqrt(max(x, Float.MIN_NORMAL))} in float, as the vector kernels compute it. */
    static float inverseSqrt(float x) {
        return 1f / (float) Math.sqrt(Math.max(x, Float.MIN_NORMAL));
    }
}
