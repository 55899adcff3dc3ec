package org.cbir.core.internal.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cbir.core.ComponentSpec;
import org.cbir.core.image.Image;
import org.cbir.core.image.SampleDepth;
import org.junit.jupiter.api.Test;

class FirstOrderStatisticsTest {

    /** Worked by hand: intensities {0, 0, 1, 1}. */
    @Test
    void twoLevelImageMatchesTheHandWorkedStatistics() {
        Image image = Image.of(2, 2, 1, SampleDepth.UINT8, new float[] {0, 0, 255, 255});
        float[] s = FirstOrderStatistics.withHistogram(4).extract(image);
        float[] expected = {
            1.0f,    // entropy: two equally likely levels = 1 bit
            0.5f,    // energy: 0.5^2 + 0.5^2
            0.5f,    // mean
            0.25f,   // variance: mean of (+-0.5)^2
            0.0f,    // skewness: symmetric
            -2.0f,   // kurtosis: m4 / m2^2 - 3 = 0.0625 / 0.0625 - 3
            0.2f,    // roughness: 1 - 1 / 1.25
            0.5f, 0f, 0f, 0.5f};
        assertArrayEquals(expected, s, 1e-6f);
    }

    /** Worked by hand: intensities {0, 0, 0, 1}, skewed to the right. */
    @Test
    void skewedImageMatchesTheHandWorkedMoments() {
        Image image = Image.grey(4, 1, new float[] {0, 0, 0, 1});
        float[] s = FirstOrderStatistics.statistics().extract(image);
        double mean = 0.25;
        double m2 = (3 * mean * mean + 0.75 * 0.75) / 4;           // 0.1875
        double m3 = (3 * -Math.pow(mean, 3) + Math.pow(0.75, 3)) / 4;
        double m4 = (3 * Math.pow(mean, 4) + Math.pow(0.75, 4)) / 4;
        assertEquals(mean, s[2], 1e-7);
        assertEquals(m2, s[3], 1e-7);
        assertEquals(m3 / Math.pow(m2, 1.5), s[4], 1e-6);           // 1.1547
        assertEquals(m4 / (m2 * m2) - 3, s[5], 1e-6);               // -0.6667
        double entropy = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2);
        assertEquals(entropy, s[0], 1e-6);
        assertEquals(0.75 * 0.75 + 0.25 * 0.25, s[1], 1e-7);
    }

    @Test
    void constantImageHasZeroSpreadAndNoNaN() {
        Image image = Image.of(3, 3, 1, SampleDepth.UINT8, new float[] {7, 7, 7, 7, 7, 7, 7, 7, 7});
        float[] s = FirstOrderStatistics.statistics().extract(image);
        assertArrayEquals(new float[] {0f, 1f, 7f / 255f, 0f, 0f, 0f, 0f}, s, 1e-6f);
    }

    @Test
    void sixteenBitAndEightBitOfTheSameSceneGiveTheSameSignature() {
        float[] eight = {0, 51, 102, 153, 204, 255};
        float[] sixteen = new float[eight.length];
        for (int i = 0; i < eight.length; i++) {
            sixteen[i] = eight[i] * 257;
        }
        FirstOrderStatistics fos = FirstOrderStatistics.withHistogram(8);
        assertArrayEquals(fos.extract(Image.of(3, 2, 1, SampleDepth.UINT8, eight)),
                fos.extract(Image.of(3, 2, 1, SampleDepth.UINT16, sixteen)), 1e-6f);
    }

    @Test
    void rgbIsConvertedToGreyFirst() {
        float[] rgb = {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255};
        Image colour = Image.of(2, 2, 3, SampleDepth.UINT8, rgb);
        FirstOrderStatistics fos = FirstOrderStatistics.withHistogram(16);
        assertArrayEquals(fos.extract(colour.toGrey()), fos.extract(colour), 0f);
    }

    @Test
    void dimensionAndSpecDescribeTheHistogram() {
        FirstOrderStatistics fos = FirstOrderStatistics.withHistogram(32);
        assertEquals(39, fos.dimension());
        assertEquals(ComponentSpec.of("first-order-statistics", "bins", 32), fos.spec());
        assertEquals(7, FirstOrderStatistics.statistics().dimension());
        assertThrows(IllegalArgumentException.class, () -> FirstOrderStatistics.withHistogram(-1));
    }
}
