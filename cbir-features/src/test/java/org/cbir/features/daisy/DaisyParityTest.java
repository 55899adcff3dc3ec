package org.cbir.features.daisy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Stream;
import org.cbir.core.image.Image;
import org.cbir.core.image.Images;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Dense descriptors and pooled signatures against scikit-image 0.19's {@code daisy}, from the
 * fixture of {@code tools/daisy_reference.py}: real GISAXS and (up-scaled) fibre images of the
 * pyCBIR samples, and synthetic edge cases.
 *
 * <p>Tolerance {@code 1e-6 * max(1, |expected|)}: both sides compute in double precision from
 * identical float32 intensities, and the results are stored as float32 (relative rounding
 * 6e-8), so only rounding of a different summation order separates them.
 */
class DaisyParityTest {
    private static final double TOLERANCE = 1e-6;

    @TestFactory
    Stream<DynamicTest> denseDescriptorsMatchScikitImage() {
        return DaisyFixture.load().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            DenseDaisy dense = c.synthetic()
                    ? c.descriptor().describe(c.pixels(), c.width(), c.height())
                    : extractor(c, DaisyPooling.MEAN).dense(Images.read(Samples.root().resolve(c.source())));
            assertEquals(c.rows(), dense.rows(), "descriptor rows");
            assertEquals(c.columns(), dense.columns(), "descriptor columns");
            assertEquals(c.length(), dense.length(), "descriptor length");
            assertClose(c.descriptors(), dense.values(), c.name());
        }));
    }

    @TestFactory
    Stream<DynamicTest> pooledSignaturesAreMeanAndPopulationStd() {
        return DaisyFixture.load().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Image image = c.synthetic()
                    ? Image.grey(c.width(), c.height(), c.pixels())
                    : Images.read(Samples.root().resolve(c.source()));
            float[] signature = extractor(c, DaisyPooling.MEAN_AND_STD).extract(image);
            float[] expected = new float[2 * c.length()];
            for (int k = 0; k < c.length(); k++) {
                expected[k] = (float) c.mean()[k];
                expected[c.length() + k] = (float) c.std()[k];
            }
            assertClose(expected, signature, c.name());
            float[] meanOnly = extractor(c, DaisyPooling.MEAN).extract(image);
            assertArrayEquals(java.util.Arrays.copyOf(signature, c.length()), meanOnly);
        }));
    }

    private static DaisyExtractor extractor(DaisyFixture.Case c, DaisyPooling pooling) {
        DaisyDescriptor descriptor = c.descriptor();
        // synthetic cases are described at their own size; real ones up-scaled like the reference (to 32)
        int minimum = c.synthetic() ? descriptor.minimumSize() : Math.max(32, descriptor.minimumSize());
        return DaisyExtractor.builder().descriptor(descriptor).pooling(pooling).minimumSize(minimum).build();
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.length; i++) {
            double excess = Math.abs(expected[i] - actual[i]) - TOLERANCE * Math.max(1.0, Math.abs(expected[i]));
            if (excess > worst) {
                worst = excess;
                worstAt = i;
            }
        }
        if (worstAt >= 0) {
            fail(what + ": value " + worstAt + " is " + actual[worstAt] + ", scikit-image gives "
                    + expected[worstAt]);
        }
    }
}
