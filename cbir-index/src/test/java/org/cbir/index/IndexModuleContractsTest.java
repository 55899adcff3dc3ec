package org.cbir.index;

import org.cbir.core.IndexFactory;
import org.cbir.core.Reducer;
import org.cbir.core.Similarity;
import org.cbir.index.graph.NeighborGraph;
import org.cbir.index.lsh.LshForest;
import org.cbir.index.pca.Pca;
import org.cbir.testkit.IndexContract;
import org.cbir.testkit.ReducerContract;
import org.junit.jupiter.api.Nested;

/**
 * The PCA reducer, the LSH Forest and the graph index run the contracts. On the contract's 600
 * clustered vectors both approximate indexes measured recall@10 1.000 with their defaults (the
 * LSH Forest seeded); they are held to 0.95 so that a change of seed or of JVector's build order
 * does not fail the build, while a broken index (recall far lower) does.
 */
class IndexModuleContractsTest {

    @Nested
    class PcaByCount extends ReducerContract {
        @Override
        protected Reducer recipe() {
            return Pca.components(4);
        }
    }

    @Nested
    class PcaByVariance extends ReducerContract {
        @Override
        protected Reducer recipe() {
            return Pca.explainedVariance(0.9);
        }
    }

    @Nested
    class LshForestDefaults extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return LshForest.builder().seed(11).build();
        }

        @Override
        protected double minimumRecall() {
            return 0.95;
        }
    }

    @Nested
    class Int8ScanCosine extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return org.cbir.index.quantized.Int8Scan.withDefaults();
        }

        @Override
        protected int count() {
            return 3000; // above the 1,024 vectors at which the scan starts to quantize
        }

        @Override
        protected double minimumRecall() {
            return 0.98;
        }
    }

    @Nested
    class Int8ScanEuclidean extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return org.cbir.index.quantized.Int8Scan.withDefaults();
        }

        @Override
        protected int count() {
            return 3000; // above the 1,024 vectors at which the scan starts to quantize
        }

        @Override
        protected double minimumRecall() {
            return 0.98;
        }

        @Override
        protected Similarity similarity() {
            return org.cbir.index.graph.TestEuclidean.INSTANCE;
        }
    }

    /** The int8 scan loaded with its floats memory-mapped from the saved file. */
    @Nested
    class Int8ScanCosineMapped extends Int8ScanCosine {
        @Override
        protected boolean mapFiles() {
            return true;
        }
    }

    @Nested
    class GraphCosine extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return NeighborGraph.builder().build();
        }

        @Override
        protected double minimumRecall() {
            return 0.95;
        }
    }

    @Nested
    class GraphEuclidean extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return NeighborGraph.builder().build();
        }

        @Override
        protected Similarity similarity() {
            return org.cbir.index.graph.TestEuclidean.INSTANCE;
        }

        @Override
        protected double minimumRecall() {
            return 0.95;
        }
    }
}
