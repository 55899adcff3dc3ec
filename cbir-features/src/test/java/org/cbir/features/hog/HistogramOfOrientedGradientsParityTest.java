package org.cbir.features.hog;

import java.util.stream.Stream;
import org.cbir.features.TextureReference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** {@link HistogramOfOrientedGradients} against scikit-image, on the cases of {@code tools/texture_reference.py}. */
class HistogramOfOrientedGradientsParityTest {

    @TestFactory
    Stream<DynamicTest> matchesScikitImage() {
        return TextureReference.parityTests(HistogramOfOrientedGradients.TYPE);
    }
}
