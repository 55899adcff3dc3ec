package org.cbir.core.internal.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.junit.jupiter.api.Test;

class IntensityHistogramTest {
    // eight pixels: 0, 0.1, 0.3, 0.5, 0.5, 0.74, 0.99, 1.0 -> 4 bins of width 0.25 hold 2, 1, 3, 2
    private static final Image IMAGE = Image.grey(4, 2, new float[] {0f, 0.1f, 0.3f, 0.5f, 0.5f, 0.74f, 0.99f, 1f});

    @Test
    void binsTheIntensitiesOverTheNominalRangeAsShares() {
        assertArrayEquals(new float[] {2 / 8f, 1 / 8f, 3 / 8f, 2 / 8f}, IntensityHistogram.of(4).extract(IMAGE), 1e-7f);
    }

    @Test
    void isTheHistogramPartOfTheFirstOrderStatistics() {
        float[] withStatistics = FirstOrderStatistics.withHistogram(4).extract(IMAGE);
        assertArrayEquals(IntensityHistogram.of(4).extract(IMAGE),
                Arrays.copyOfRange(withStatistics, FirstOrderStatistics.STATISTICS, withStatistics.length));
    }

    @Test
    void restoresFromItsSpecAndRefusesBadBinCounts() throws IOException {
        IntensityHistogram histogram = IntensityHistogram.of(16);
        assertEquals(ComponentSpec.of("intensity-histogram", "bins", 16), histogram.spec());
        FeatureExtractor restored = ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, histogram.spec());
        assertEquals(16, restored.dimension());
        assertArrayEquals(histogram.extract(IMAGE), restored.extract(IMAGE));
        assertThrows(IllegalArgumentException.class, () -> IntensityHistogram.of(0));
        assertThrows(IllegalArgumentException.class, () -> IntensityHistogram.of(65_537));
    }
}
