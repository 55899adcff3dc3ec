package org.cbir.nets.pretrained;

import org.cbir.core.FeatureExtractor;
import org.cbir.testkit.ExtractorContract;

/**
 * Inception-ResNet-v2 runs the extractor contract on the network of seeded random weights at the
 * smallest input (75x75) that {@link InceptionResNetV2ExtractorTest} uses too, so that nothing
 * needs the 215 MB ImageNet file; the contract saves and
 * restores the whole network (about 56 million parameters) several times, which makes this the
 * slowest contract of the module.
 */
class InceptionResNetV2ContractTest extends ExtractorContract {
    /** Built once per JVM: the contract asks for the extractor many times. */
    private static final class Seeded {
        static final InceptionResNetV2Extractor EXTRACTOR = InceptionResNetV2Extractor.builder()
                .inputSize(InceptionResNetV2.MIN_SIZE).batchSize(2).policy(SmallImagePolicy.RESIZE)
                .build(SeededInceptionResNetV2.GRAPH, "seeded.h5", "0123456789abcdef0123456789abcdef");
    }

    @Override
    protected FeatureExtractor extractor() {
        return Seeded.EXTRACTOR;
    }
}
