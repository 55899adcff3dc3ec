package org.cbir.core.internal.math;

/**
 * Plain Java loops, unrolled four ways into independent float accumulators so that the JIT can
 * overlap them; the fallback wherever the Vector API is not available. Stateless and
 * thread-safe.
 */
final class ScalarVectorKernels implements VectorKernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, float[] b, int bOffset, int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (int bound = length & ~3; i < bound; i += 4) {
            s0 += a[i] * b[bOffset + i];
            s1 += a[i + 1] * b[bOffset + i + 1];
            s2 += a[i + 2] * b[bOffset + i + 2];
            s3 += a[i + 3] * b[bOffset + i + 3];
        }
        for (; i < length; i++) {
            s0 += a[i] * b[bOffset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float squareDistance(float[] a, float[] b, int bOffset, int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (int bound = length & ~3; i < bound; i += 4) {
            float d0 = a[i] - b[bOffset + i];
            float d1 = a[i + 1] - b[bOffset + i + 1];
            float d2 = a[i + 2] - b[bOffset + i + 2];
            float d3 = a[i + 3] - b[bOffset + i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < length; i++) {
            float d = a[i] - b[bOffset + i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float cosine(float[] a, float[] b, int bOffset, int length) {
        float dot = 0;
        float normA = 0;
        float normB = 0;
        for (int i = 0; i < length; i++) {
            float x = a[i];
            float y = b[bOffset + i];
            dot += x * y;
            normA += x * x;
            normB += y * y;
        }
        return VectorKernels.cosine(dot, normA, normB);
    }

    @Override
    public float int8Scores(float[] weights, byte[] codes, int codesOffset, int blocks, float[] bias, float[] scores,
            int scoresOffset) {
        int length = weights.length;
        int rows = FloatKernels.CODE_BLOCK_ROWS;
        float min = Float.POSITIVE_INFINITY;
        for (int b = 0; b < blocks; b++) {
            int out = scoresOffset + b * rows;
            if (bias == null) {
                java.util.Arrays.fill(scores, out, out + rows, 0f);
            } else {
                System.arraycopy(bias, b * rows, scores, out, rows);
            }
            int at = codesOffset + b * length * rows;
            for (int j = 0; j < length; j++, at += rows) {
                float w = weights[j];
                for (int r = 0; r < rows; r++) {
                    scores[out + r] += w * codes[at + r];
                }
            }
            for (int r = 0; r < rows; r++) {
                min = Math.min(min, scores[out + r]);
            }
        }
        return min;
    }

    @Override
    public void int8Scores4(float[][] weights, int first, byte[] codes, int codesOffset, int blocks, float[] bias,
            float[] scores, float[] mins) {
        for (int i = 0; i < 4; i++) {
            mins[i] = int8Scores(weights[first + i], codes, codesOffset, blocks, bias, scores,
                    i * blocks * FloatKernels.CODE_BLOCK_ROWS);
        }
    }
}
