package org.cbir.nets;

import org.cbir.core.FeatureExtractor;
import org.cbir.core.ProgressListener;
import org.cbir.testkit.ExtractorContract;
import org.junit.jupiter.api.Nested;

/**
 * The trainable extractors of cbir-nets, trained for a few epochs on tiny stripes so that the
 * suite runs in seconds, run the extractor contract: their saved networks restore to identical
 * signatures and every saved file is checked on load.
 */
class NetsContractsTest {

    /** Trained once per JVM: the contract asks for the extractor many times. */
    private static final class Trained {
        static final LeNetExtractor LENET = LeNetExtractor.builder().inputSize(Stripes.SIZE, Stripes.SIZE).batchSize(8)
                .maxEpochs(2).seed(9).augmentation(Augmentation.none()).signatureLayer("dense_1").build()
                .fit(Stripes.collection(12, 21), ProgressListener.NONE);
        static final CnnExtractor CNN = CnnExtractorTest.tiny(CnnExtractor.builder()).build()
                .fit(Stripes.collection(12, 31), ProgressListener.NONE);
    }

    @Nested
    class LeNet extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return Trained.LENET;
        }
    }

    @Nested
    class Cnn extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return Trained.CNN;
        }
    }
}
