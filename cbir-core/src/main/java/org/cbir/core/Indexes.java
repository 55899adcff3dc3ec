package org.cbir.core;

import org.cbir.core.search.ExactScan;

/**
 * The index that {@code cbir-core} defines itself. Approximate indexes for large collections
 * (LSH Forest, graph) are in {@code cbir-index}.
 */
public final class Indexes {
    private static final IndexFactory EXACT = new ExactScan();

    private Indexes() {
    }

    /** Exact brute-force search: the true nearest neighbours; the pipeline's default. */
    public static IndexFactory exact() {
        return EXACT;
    }
}
