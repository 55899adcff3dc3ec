package org.cbir.features;

import java.util.List;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;
import org.cbir.features.daisy.DaisyExtractor;
import org.cbir.features.fusion.FusedExtractor;
import org.cbir.features.fusion.Normalization;
import org.cbir.features.glcm.GlcmAggregation;
import org.cbir.features.glcm.GreyLevelCooccurrence;
import org.cbir.features.hog.BlockNormalization;
import org.cbir.features.hog.HistogramOfOrientedGradients;
import org.cbir.features.lbp.LbpMethod;
import org.cbir.testkit.ExtractorContract;
import org.junit.jupiter.api.Nested;

/** Every extractor of cbir-features, in its default and in a non-default configuration, runs the extractor contract. */
class FeaturesContractsTest {

    @Nested
    class GlcmDefaults extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return TextureDescriptors.glcm();
        }
    }

    @Nested
    class GlcmPerAngle extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return GreyLevelCooccurrence.builder().levels(8).distances(1, 2).angles(0, 1, 2).symmetric(true)
                    .aggregation(GlcmAggregation.PER_ANGLE).build();
        }
    }

    @Nested
    class HogDefaults extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return TextureDescriptors.hog();
        }
    }

    @Nested
    class HogNonSquare extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return HistogramOfOrientedGradients.builder().size(40, 30).pixelsPerCell(5, 3).cellsPerBlock(2, 3)
                    .orientations(8).blockNormalization(BlockNormalization.L1_SQRT).transformSqrt(true).build();
        }
    }

    @Nested
    class LbpUniform extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return TextureDescriptors.lbp();
        }
    }

    @Nested
    class LbpRotationInvariant extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return TextureDescriptors.lbp(12, 1.5, LbpMethod.ROR);
        }
    }

    @Nested
    class LbpVariance extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return TextureDescriptors.lbp(8, 1, LbpMethod.VAR);
        }
    }

    @Nested
    class DaisyDefaults extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return DaisyExtractor.withDefaults();
        }

        @Override
        protected List<Image> images() { // DAISY needs at least 32x32
            return List.of(noise(40, 33, 1, 1), rings(64, 64), noise(48, 40, 3, 3));
        }
    }

    @Nested
    class Fusion extends ExtractorContract {
        @Override
        protected FeatureExtractor extractor() {
            return FusedExtractor.builder().add(TextureDescriptors.lbp(), 1.0, Normalization.L2)
                    .add(TextureDescriptors.hog(), 0.5, Normalization.MIN_MAX).build();
        }
    }
}
