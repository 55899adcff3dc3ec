package org.cbir.testkit;

import org.cbir.core.FeatureExtractor;
import org.cbir.core.IndexFactory;
import org.cbir.core.Reducer;
import org.junit.jupiter.api.Nested;

/** cbir-core's extractors, reducers and indexes run the contracts (core cannot depend on the kit). */
class CoreContractsTest {

    @Nested
    class ExactIndexOnTheHeap extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return IndexFactory.exact();
        }
    }

    @Nested
    class ExactIndexMapped extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return IndexFactory.exact();
        }

        @Override
        protected boolean mapFiles() {
            return true;
        }
    }

    @Nested
    class ZScoreReducer extends ReducerContract {
        @Override
        protected Reducer recipe() {
            return Reducer.zScore();
        }
    }

    @Nested
    class MinMaxReducer extends ReducerContract {
        @Override
        protected Reducer recipe() {
            return Reducer.minMax();
        }
    }

    @Nested
    class FirstOrderStatisticsExtractor extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return FeatureExtractor.firstOrderStatistics(16);
        }
    }

    @Nested
    class IntensityHistogramExtractor extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return FeatureExtractor.intensityHistogram(32);
        }
    }
}
