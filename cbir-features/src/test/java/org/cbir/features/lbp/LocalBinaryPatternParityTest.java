package org.cbir.features.lbp;

import java.util.stream.Stream;
import org.cbir.features.TextureReference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** {@link LocalBinaryPattern} against scikit-image, on the cases of {@code tools/texture_reference.py}. */
class LocalBinaryPatternParityTest {

    @TestFactory
    Stream<DynamicTest> matchesScikitImage() {
        return TextureReference.parityTests(LocalBinaryPattern.TYPE);
    }
}
