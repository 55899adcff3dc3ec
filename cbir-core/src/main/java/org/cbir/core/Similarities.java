package org.cbir.core;

import org.cbir.core.search.CosineDistance;

/**
 * The similarities that {@code cbir-core} defines itself. The other metrics of the paper
 * (Euclidean, chi-square, Kullback-Leibler, ...) are in {@code cbir-metrics}.
 */
public final class Similarities {
    private static final Similarity COSINE = new CosineDistance();

    private Similarities() {
    }

    /** Cosine distance, {@code 1 - cos(a, b)}: the pipeline's default. */
    public static Similarity cosine() {
        return COSINE;
    }
}
