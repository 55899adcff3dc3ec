package org.cbir.index.lsh;

import java.util.Random;
import org.cbir.core.internal.math.VectorMath;

/**
 * The hash functions of an LSH Forest: for each tree, {@code bits} random hyperplanes through the
 * origin with independent standard Gaussian coordinates; bit {@code b} of a vector's hash is 1
 * when its dot product with hyperplane {@code b} is positive. Two vectors at angle {@code theta}
 * get the same bit with probability {@code 1 - theta / pi} (Charikar 2002), so a long common
 * prefix means a small angle: the hashes approximate cosine distance.
 *
 * <p>Immutable and thread-safe once built; the hyperplanes are persisted with the index, so a
 * loaded index hashes exactly as the saved one did.
 */
final class Hyperplanes {
    private final float[][][] planes;

    Hyperplanes(float[][][] planes) {
        this.planes = planes;
    }

    /** Draws the hyperplanes from {@code java.util.Random(seed).nextGaussian()}, tree by tree, plane by plane. */
    static Hyperplanes random(int trees, int bits, int dimension, long seed) {
        Random random = new Random(seed);
        float[][][] planes = new float[trees][bits][dimension];
        for (float[][] tree : planes) {
            for (float[] plane : tree) {
                for (int j = 0; j < dimension; j++) {
                    plane[j] = (float) random.nextGaussian();
                }
            }
        }
        return new Hyperplanes(planes);
    }

    /** The left-aligned hash of {@code vector} in {@code tree}: bit 63 is the first hyperplane's. */
    long hash(int tree, float[] vector) {
        float[][] tp = planes[tree];
        long hash = 0;
        for (int b = 0; b < tp.length; b++) {
            if (VectorMath.dot(tp[b], vector) > 0) {
                hash |= 1L << (63 - b);
            }
        }
        return hash;
    }

    /** The hashes of {@code vector} in every tree. */
    long[] hashes(float[] vector) {
        long[] out = new long[planes.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = hash(t, vector);
        }
        return out;
    }

    /** Hyperplane {@code b} of {@code tree} (not a copy: for saving only). */
    float[] plane(int tree, int b) {
        return planes[tree][b];
    }
}
