package org.cbir.features.glcm;

import java.util.stream.Stream;
import org.cbir.features.TextureReference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** {@link GreyLevelCooccurrence} against scikit-image, on the cases of {@code tools/texture_reference.py}. */
class GreyLevelCooccurrenceParityTest {

    @TestFactory
    Stream<DynamicTest> matchesScikitImage() {
        return TextureReference.parityTests(GreyLevelCooccurrence.TYPE);
    }
}
