package org.cbir.core.internal.math;

/**
 * The numeric kernels that metrics, indexes and reducers share: dot product, squared
 * Euclidean distance, norms. One implementation for the whole library, so that a faster
 * (SIMD) kernel speeds up every part at once.
 *
 * <p>All methods are pure and thread-safe; they accumulate in {@code double} where the result
 * feeds a ranking, so rankings do not depend on summation order noise. Both arrays must have
 * the same length (checked).
 *
 * <p>For scans over many stored vectors, where speed matters more than the last digits,
 * {@link FloatKernels} has float-accumulating, vectorised versions of these kernels.
 */
public final class VectorMath {
    private VectorMath() {
    }

    /** Sum of {@code a[i] * b[i]}. */
    public static double dot(float[] a, float[] b) {
        requireSameLength(a, b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** Sum of {@code (a[i] - b[i])^2}. */
    public static double squaredDistance(float[] a, float[] b) {
        requireSameLength(a, b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /** The Euclidean (L2) norm. */
    public static double norm(float[] a) {
        double sum = 0;
        for (float v : a) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /** A copy of {@code a} scaled to unit L2 norm; a zero vector is returned as zeros. */
    public static float[] normalized(float[] a) {
        double n = norm(a);
        float[] out = new float[a.length];
        if (n == 0) {
            return out;
        }
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (a[i] / n);
        }
        return out;
    }

    /** Fails with a message naming both lengths when {@code a} and {@code b} differ in length. */
    public static void requireSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimension mismatch: vectors of length "
                    + a.length + " and " + b.length);
        }
    }
}
