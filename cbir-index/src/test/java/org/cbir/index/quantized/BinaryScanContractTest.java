package org.cbir.index.quantized;

import org.cbir.core.IndexFactory;
import org.cbir.core.Similarity;
import org.cbir.testkit.IndexContract;
import org.junit.jupiter.api.Nested;

/**
 * The binary scan runs the index contract (with its corruption suite) under cosine and Euclidean,
 * on 3,000 vectors, above the 1,024 at which it learns its centres. The contract's vectors have 8
 * dimensions, so their codes are 8 bits and many rows share a Hamming distance: the scan is made
 * for high dimensions, and its recall there is checked in {@link BinaryScanIndexTest}; here it is
 * held to a floor that a broken scan (which would rank about at random, recall near
 * 10 x rerank / 3,000) cannot reach: measured 0.875 under cosine and 0.870 under Euclidean with the
 * default rerank.
 */
class BinaryScanContractTest {

    @Nested
    class Cosine extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return BinaryScan.withDefaults();
        }

        @Override
        protected int count() {
            return 3000;
        }

        @Override
        protected double minimumRecall() {
            return 0.8;
        }
    }

    /** Loaded with the floats memory-mapped from the saved file. */
    @Nested
    class CosineMapped extends Cosine {
        @Override
        protected boolean mapFiles() {
            return true;
        }
    }

    @Nested
    class Euclidean extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return BinaryScan.withDefaults();
        }

        @Override
        protected int count() {
            return 3000;
        }

        @Override
        protected double minimumRecall() {
            return 0.8;
        }

        @Override
        protected Similarity similarity() {
            return org.cbir.index.graph.TestEuclidean.INSTANCE;
        }
    }
}
