package org.cbir.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded test data: Gaussian clusters around random centres, and queries drawn near the same centres. */
public final class ClusteredVectors {
    private ClusteredVectors() {
    }

    /**
     * {@code count} vectors of {@code dimension} in {@code clusters} clusters: centre coordinates
     * N(0, 1), points centre + N(0, spread^2) per coordinate.
     */
    public static List<float[]> generate(int count, int dimension, int clusters, double spread, long seed) {
        Random random = new Random(seed);
        float[][] centres = new float[clusters][dimension];
        for (float[] centre : centres) {
            for (int j = 0; j < dimension; j++) {
                centre[j] = (float) random.nextGaussian();
            }
        }
        List<float[]> vectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] centre = centres[random.nextInt(clusters)];
            float[] v = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                v[j] = (float) (centre[j] + spread * random.nextGaussian());
            }
            vectors.add(v);
        }
        return vectors;
    }
}
