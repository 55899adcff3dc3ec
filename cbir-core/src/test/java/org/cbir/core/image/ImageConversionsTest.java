package org.cbir.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Image}'s conversions against scikit-image and numpy (fixtures written by
 * {@code tools/image_fixtures.py}) and hand-worked examples.
 */
class ImageConversionsTest {

    /** Same size, channels and depth, and every sample within {@code tolerance}. */
    private static void assertClose(Image expected, Image actual, double tolerance, String what) {
        assertEquals(expected.width(), actual.width(), what + " width");
        assertEquals(expected.height(), actual.height(), what + " height");
        assertEquals(expected.channels(), actual.channels(), what + " channels");
        assertEquals(expected.depth(), actual.depth(), what + " depth");
        float[] e = expected.samples();
        float[] a = actual.samples();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tolerance, what + " sample " + i);
        }
    }

    private static void check(String name, UnaryOperator<Image> conversion, double tolerance) {
        Image[] io = SampleTable.loadCase(name);
        assertClose(io[1], conversion.apply(io[0]), tolerance, name);
    }

    @Test
    void toGreyMatchesScikitImageRgb2gray() {
        check("to_grey_rgb8", Image::toGrey, 1e-4);
        check("to_grey_rgb16", Image::toGrey, 2e-2); // float32 sums near 65535: ~1e-7 relative
    }

    @Test
    void toGreyOfAGreyImageIsTheImage() {
        Image grey = Image.grey(2, 1, new float[] {0.1f, 0.9f});
        assertSame(grey, grey.toGrey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"11x9", "4x3", "4x8", "13x2", "7x5", "3x1"})
    void resizeMatchesScikitImageBilinear(String size) {
        String[] wh = size.split("x");
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        check("resize_grey_" + size, image -> image.resize(w, h), 1e-3);
    }

    @Test
    void resizeOfRgbAndSixteenBitMatchesScikitImage() {
        check("resize_rgb_9x7", image -> image.resize(9, 7), 1e-3);
        check("resize_rgb_3x2", image -> image.resize(3, 2), 1e-3);
        check("resize_grey16_10x3", image -> image.resize(10, 3), 0.05);
    }

    @Test
    void resizeRejectsNonPositiveSizes() {
        Image image = Image.grey(2, 2, new float[4]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> image.resize(0, 3));
        assertTrue(e.getMessage().contains("0x3"), e.getMessage());
    }

    @Test
    void equalisedMatchesTheDocumentedHistogramSemantics() {
        check("equalise_grey8", Image::equalised, 1e-6);
        check("equalise_grey16", Image::equalised, 1e-6);
        check("equalise_rgb8", Image::equalised, 1e-6);
    }

    @Test
    void equalisedByHand() {
        // levels 0, 0, 128, 255 of 4 pixels: bins 0, 0, 128, 255 -> cdf 2/4, 2/4, 3/4, 4/4
        Image image = Image.of(4, 1, 1, SampleDepth.UINT8, new float[] {0, 0, 128, 255});
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.75f, 1f}, image.equalised().samples());
        assertEquals(SampleDepth.FLOAT, image.equalised().depth());
    }

    @Test
    void logScaledMatchesNumpy() {
        check("log_grey8", Image::logScaled, 1e-6);
        check("log_grey16", Image::logScaled, 1e-6);
    }

    @Test
    void logScaledByHand() {
        // log(1 + 0) = 0; log(1 + 255) / log(1 + 255) = 1; log(1 + 15) / log(256) = 4 / 8 = 0.5
        Image image = Image.of(3, 1, 1, SampleDepth.UINT8, new float[] {0, 255, 15});
        assertArrayEquals(new float[] {0f, 1f, 0.5f}, image.logScaled().samples(), 1e-6f);
    }

    @Test
    void padCentresTheImageWithTheExtraPixelRightAndBottom() {
        // 2x1 grey [1 2] padded to 5x4: left margin (5-2)/2 = 1, top margin (4-1)/2 = 1
        Image image = Image.of(2, 1, 1, SampleDepth.UINT8, new float[] {1, 2});
        Image padded = image.pad(5, 4);
        assertEquals(Image.of(5, 4, 1, SampleDepth.UINT8, new float[] {
            0, 0, 0, 0, 0,
            0, 1, 2, 0, 0,
            0, 0, 0, 0, 0,
            0, 0, 0, 0, 0}), padded);
    }

    @Test
    void padKeepsRgbPixelsTogether() {
        Image image = Image.of(1, 1, 3, SampleDepth.UINT8, new float[] {10, 20, 30});
        Image padded = image.pad(3, 2);
        // left (3-1)/2 = 1, top (2-1)/2 = 0
        assertEquals(Image.of(3, 2, 3, SampleDepth.UINT8, new float[] {
            0, 0, 0, 10, 20, 30, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0}), padded);
        assertEquals(image, image.pad(1, 1));
    }

    @Test
    void padRejectsASmallerSize() {
        Image image = Image.grey(3, 3, new float[9]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> image.pad(2, 4));
        assertTrue(e.getMessage().contains("3x3") && e.getMessage().contains("2x4"), e.getMessage());
    }

    @Test
    void normalisedDividesByTheNominalMaximumAndClamps() {
        Image uint16 = Image.of(3, 1, 1, SampleDepth.UINT16, new float[] {0, 13107, 65535});
        assertArrayEquals(new float[] {0f, 0.2f, 1f}, uint16.normalized().samples(), 1e-7f);
        Image floats = Image.grey(3, 1, new float[] {-0.5f, 0.25f, 1.5f});
        assertArrayEquals(new float[] {0f, 0.25f, 1f}, floats.normalized().samples());
        assertEquals(SampleDepth.FLOAT, floats.normalized().depth());
    }

    @Test
    void greyIntensitiesAreLuminanceOverTheNominalMaximum() {
        // 0.2125 * 255 + 0.7154 * 0 + 0.0721 * 51 = 57.8646; / 255 = 0.22692
        Image rgb = Image.of(1, 1, 3, SampleDepth.UINT8, new float[] {255, 0, 51});
        assertArrayEquals(new float[] {0.22692f}, rgb.greyIntensities(), 1e-5f);
        Image grey = Image.of(2, 1, 1, SampleDepth.UINT16, new float[] {65535, 6553.5f});
        assertArrayEquals(new float[] {1f, 0.1f}, grey.greyIntensities(), 1e-7f);
    }
}
