package org.cbir.index.ivf;

import org.cbir.core.IndexFactory;
import org.cbir.core.Similarity;
import org.cbir.index.graph.TestEuclidean;
import org.cbir.testkit.IndexContract;
import org.junit.jupiter.api.Nested;

/**
 * The IVF-PQ index runs the index contract (and its corruption suite) trained: 16 lists train at
 * 1,024 vectors, below the contract's 3,000; the contract's 8 dimensions give 8-byte codes (one
 * per component, the default m of 16 capped at d). Held to recall 0.95 with 4 probes of 16, so
 * that a broken code scan (which would re-rank about random candidates, recall near
 * {@code 80 / 3,000}) fails.
 */
class InvertedFilePqContractTest {

    private static IndexFactory factory() {
        return InvertedFilePq.builder().lists(16).probes(4).build();
    }

    @Nested
    class Cosine extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return InvertedFilePqContractTest.factory();
        }

        @Override
        protected int count() {
            return 3000;
        }

        @Override
        protected double minimumRecall() {
            return 0.95;
        }
    }

    @Nested
    class Euclidean extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return InvertedFilePqContractTest.factory();
        }

        @Override
        protected int count() {
            return 3000;
        }

        @Override
        protected double minimumRecall() {
            return 0.95;
        }

        @Override
        protected Similarity similarity() {
            return TestEuclidean.INSTANCE;
        }
    }

    @Nested
    class Untrained extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return InvertedFilePq.builder().lists(1024).probes(1).build(); // never trains here: an exact scan
        }
    }
}
