package org.cbir.testkit;

import org.cbir.core.FeatureExtractor;
import org.cbir.core.IndexFactory;
import org.cbir.core.Reducer;
import org.cbir.core.extract.FirstOrderStatistics;
import org.cbir.core.extract.IntensityHistogram;
import org.cbir.core.reduce.MinMaxScaling;
import org.cbir.core.reduce.ZScore;
import org.cbir.core.search.ExactScan;
import org.junit.jupiter.api.Nested;

/** cbir-core's extractors, reducers and indexes run the contracts (core cannot depend on the kit). */
class CoreContractsTest {

    @Nested
    class ExactIndexOnTheHeap extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return new ExactScan();
        }
    }

    @Nested
    class ExactIndexMapped extends IndexContract {
        @Override
        protected IndexFactory factory() {
            return new ExactScan().mapped();
        }
    }

    @Nested
    class ZScoreReducer extends ReducerContract {
        @Override
        protected Reducer recipe() {
            return ZScore.standardisation();
        }
    }

    @Nested
    class MinMaxReducer extends ReducerContract {
        @Override
        protected Reducer recipe() {
            return MinMaxScaling.toUnitRange();
        }
    }

    @Nested
    class FirstOrderStatisticsExtractor extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return FirstOrderStatistics.withHistogram(16);
        }
    }

    @Nested
    class IntensityHistogramExtractor extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return IntensityHistogram.of(32);
        }
    }
}
