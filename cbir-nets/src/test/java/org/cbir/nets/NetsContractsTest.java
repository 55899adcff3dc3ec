package org.cbir.nets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.ProgressListener;
import org.cbir.nets.cnn.CnnExtractor;
import org.cbir.nets.cnn.CnnExtractorTest;
import org.cbir.nets.cnn.CnnOptions;
import org.cbir.nets.cnn.CompactCnn;
import org.cbir.nets.lenet.LeNet;
import org.cbir.nets.lenet.LeNetExtractor;
import org.cbir.nets.lenet.LeNetOptions;
import org.cbir.nets.pretrained.BaseNetwork;
import org.cbir.nets.pretrained.FineTunedExtractor;
import org.cbir.nets.pretrained.FineTuning;
import org.cbir.nets.pretrained.PretrainedExtractor;
import org.cbir.nets.pretrained.PretrainedModel;
import org.cbir.nets.pretrained.PretrainedWeights;
import org.cbir.nets.pretrained.SmallImagePolicy;
import org.cbir.nets.train.Augmentation;
import org.cbir.testkit.ExtractorContract;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.junit.jupiter.api.Nested;

/**
 * The extractors of cbir-nets run the extractor contract: the trainable ones trained for a few
 * epochs on tiny stripes, the pretrained one on a SqueezeNet of seeded random weights written where
 * the zoo's ImageNet file would be, so that the suite runs in seconds. Their saved networks restore
 * to identical signatures and every saved file is checked on load (the contract found that a
 * pretrained extractor whose saved network was missing fell back to its weights source).
 */
class NetsContractsTest {

    /** Trained once per JVM: the contract asks for the extractor many times. */
    private static final class Trained {
        static final LeNetExtractor LENET = LeNet.of(LeNetOptions.builder().inputSize(Stripes.SIZE, Stripes.SIZE).batchSize(8)
                .maxEpochs(2).seed(9).augmentation(Augmentation.none()).signatureLayer("dense_1").build())
                .fit(Stripes.collection(12, 21), ProgressListener.NONE);
        static final CnnExtractor CNN = CompactCnn.of(CnnExtractorTest.tiny(CnnOptions.builder()).build())
                .fit(Stripes.collection(12, 31), ProgressListener.NONE);
        static final PretrainedExtractor SQUEEZENET = squeezeNet();
        static final FineTunedExtractor FINE_TUNED = FineTuning.builder(BaseNetwork.of(LENET)).maxEpochs(2)
                .batchSize(8).seed(3).build().fit(Stripes.collection(12, 41), ProgressListener.NONE);
    }

    /** A SqueezeNet with seeded random weights, written where the zoo's cache would hold the ImageNet file. */
    private static PretrainedExtractor squeezeNet() {
        try {
            Path cache = Files.createTempDirectory("cbir-zoo-contract");
            Path zooFile = cache.resolve("squeezenet").resolve("squeezenet_dl4j_inference.v2.zip");
            Files.createDirectories(zooFile.getParent());
            ModelSerializer.writeModel(SqueezeNet.builder().numClasses(1000).seed(3).build().init(), zooFile.toFile(), false);
            for (Path made : new Path[] {cache, zooFile.getParent(), zooFile}) {
                made.toFile().deleteOnExit(); // deleted in reverse order: the file, then its folders
            }
            return PretrainedExtractor.builder().model(PretrainedModel.SQUEEZENET)
                    .weights(PretrainedWeights.cacheFolder(cache)).policy(SmallImagePolicy.RESIZE).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class PretrainedSqueezeNet extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return Trained.SQUEEZENET;
        }
    }

    @Nested
    class TrainedLeNet extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return Trained.LENET;
        }
    }

    @Nested
    class FineTunedLeNet extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return Trained.FINE_TUNED;
        }
    }

    @Nested
    class TrainedCnn extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return Trained.CNN;
        }
    }
}
