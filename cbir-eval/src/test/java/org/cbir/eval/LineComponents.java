package org.cbir.eval;

import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Similarity;
import org.cbir.core.image.Image;

/**
 * Places images on a line so that hand-built rankings are easy to work out: the signature is
 * the image's first sample, and the distance the absolute difference (exact for multiples of 1/4).
 */
final class LineComponents {
    private LineComponents() {
    }

    /** The first sample of the image, as a 1-dimensional signature. */
    static final class FirstSample implements FeatureExtractor {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("first-sample");
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public float[] extract(Image image) {
            return new float[] {image.sample(0, 0, 0)};
        }
    }

    /** |a - b| of 1-dimensional signatures. */
    static final class AbsoluteDifference implements Similarity {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("absolute-difference");
        }

        @Override
        public double distance(float[] a, float[] b) {
            Similarity.requireSameLength(a, b);
            return Math.abs((double) a[0] - b[0]);
        }
    }
}
