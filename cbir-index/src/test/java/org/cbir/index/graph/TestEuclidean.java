package org.cbir.index.graph;

import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;

/**
 * Euclidean distance as {@code cbir-metrics} defines it (type {@code "euclidean"}, no
 * parameters, kind {@link SimilarityKind#EUCLIDEAN}), written here because the modules beside each
 * other do not depend on each other.
 */
public final class TestEuclidean implements Similarity {
    public static final TestEuclidean INSTANCE = new TestEuclidean();

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of("euclidean");
    }

    @Override
    public SimilarityKind kind() {
        return SimilarityKind.EUCLIDEAN;
    }

    @Override
    public double distance(float[] a, float[] b) {
        Similarity.requireSameLength(a, b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
