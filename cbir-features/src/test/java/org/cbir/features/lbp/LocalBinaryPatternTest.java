package org.cbir.features.lbp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.cbir.core.image.Image;
import org.cbir.features.SyntheticImages;
import org.cbir.features.TextureDescriptors;
import org.junit.jupiter.api.Test;

class LocalBinaryPatternTest {

    /** 3x3, all 0.5 but the brighter centre (1.0); outside the image counts as 0. */
    private static final Image BRIGHT_CENTRE = Image.grey(3, 3,
            new float[] {0.5f, 0.5f, 0.5f, 0.5f, 1.0f, 0.5f, 0.5f, 0.5f, 0.5f});

    private static int rotateRight(int pattern, int points) {
        return (pattern >>> 1) | ((pattern & 1) << (points - 1));
    }

    private static Image rotateQuarterTurn(Image image) {
        int w = image.width();
        int h = image.height();
        float[] src = image.samples();
        float[] dst = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                dst[x * h + (h - 1 - y)] = src[y * w + x]; // (x, y) -> (h - 1 - y, x)
            }
        }
        return Image.of(h, w, 1, image.depth(), dst);
    }

    @Test
    void handWorkedDefaultCodes() {
        // Points of P=4, R=1: 0 right, 1 up, 2 left, 3 down. Centre: no neighbour reaches 1.0 -> 0.
        // Top middle: right, left, down (the centre) set, up (outside, 0) not -> 1 + 4 + 8 = 13.
        // Left 11, right 14, bottom 7; corners: top-left 9, top-right 12, bottom-left 3, bottom-right 6.
        float[] expected = new float[16];
        for (int code : new int[] {0, 13, 11, 14, 7, 9, 12, 3, 6}) {
            expected[code] += 1f / 9;
        }
        assertArrayEquals(expected, TextureDescriptors.lbp(4, 1, LbpMethod.DEFAULT).extract(BRIGHT_CENTRE), 1e-7f);
    }

    @Test
    void handWorkedUniformCodes() {
        // Of the codes above, 0 has no set bit; 13, 11, 14 and 7 have three set bits in one run;
        // 9, 12, 3 and 6 two. All are uniform.
        float[] expected = {1f / 9, 0, 4f / 9, 4f / 9, 0, 0};
        assertArrayEquals(expected, TextureDescriptors.lbp(4, 1).extract(BRIGHT_CENTRE), 1e-7f);
    }

    @Test
    void rotationInvariantCodesIgnoreQuarterTurns() {
        // With 4 points on radius 1 the samples fall on pixels, so a quarter turn of the image
        // only rotates each pattern.
        Image image = SyntheticImages.make("noise", 37, 23, 1);
        Image turned = rotateQuarterTurn(image);
        for (LbpMethod method : new LbpMethod[] {LbpMethod.ROR, LbpMethod.UNIFORM}) {
            LocalBinaryPattern lbp = TextureDescriptors.lbp(4, 1, method);
            assertArrayEquals(lbp.extract(image), lbp.extract(turned), method.toString());
        }
    }

    @Test
    void rorCodeIsTheSmallestRotation() {
        int points = 8;
        for (int pattern = 0; pattern < 256; pattern++) {
            int smallest = pattern;
            int rotated = pattern;
            for (int i = 0; i < points; i++) {
                rotated = rotateRight(rotated, points);
                smallest = Math.min(smallest, rotated);
                assertEquals(LbpMethod.ROR.code(pattern, points), LbpMethod.ROR.code(rotated, points));
                assertEquals(LbpMethod.UNIFORM.code(pattern, points), LbpMethod.UNIFORM.code(rotated, points));
            }
            assertEquals(smallest, LbpMethod.ROR.code(pattern, points));
        }
    }

    @Test
    void nriUniformGivesEachUniformPatternItsOwnCode() {
        for (int points : new int[] {1, 2, 5, 8, 12}) {
            Set<Integer> uniformCodes = new HashSet<>();
            int uniformPatterns = 0;
            for (int pattern = 0; pattern < 1 << points; pattern++) {
                int transitions = Integer.bitCount(pattern ^ rotateRight(pattern, points)); // around the circle
                int code = LbpMethod.NRI_UNIFORM.code(pattern, points);
                assertTrue(code >= 0 && code < LbpMethod.NRI_UNIFORM.codeCount(points));
                if (transitions <= 2) {
                    uniformPatterns++;
                    assertTrue(uniformCodes.add(code), "code " + code + " repeats for P=" + points);
                    assertEquals(Integer.bitCount(pattern), LbpMethod.UNIFORM.code(pattern, points));
                } else {
                    assertEquals(points * (points - 1) + 2, code);
                    assertEquals(points + 1, LbpMethod.UNIFORM.code(pattern, points));
                }
            }
            assertEquals(points * (points - 1) + 2, uniformPatterns);
        }
    }

    @Test
    void histogramsSumToOneWithOneBinPerCode() {
        Image image = SyntheticImages.make("rings", 40, 30, 1);
        int[][] settings = {{8, 256}, {8, 256}, {8, 10}, {8, 59}, {16, 18}, {24, 24 * 23 + 3}};
        LbpMethod[] methods = {LbpMethod.DEFAULT, LbpMethod.ROR, LbpMethod.UNIFORM, LbpMethod.NRI_UNIFORM,
            LbpMethod.UNIFORM, LbpMethod.NRI_UNIFORM};
        for (int k = 0; k < methods.length; k++) {
            int points = settings[k][0];
            LocalBinaryPattern lbp = TextureDescriptors.lbp(points, 2, methods[k]);
            assertEquals(settings[k][1], lbp.dimension(), methods[k] + " P=" + points);
            double sum = 0;
            for (float v : lbp.extract(image)) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @Test
    void flatNeighbourhoodsFallInTheFirstVarianceBin() {
        LocalBinaryPattern var = LocalBinaryPattern.builder().method(LbpMethod.VAR).varianceBins(4).build();
        float[] expected = {1, 0, 0, 0};
        assertArrayEquals(expected, var.extract(Image.grey(5, 4, new float[20])));
        assertEquals(4, var.dimension());
    }

    @Test
    void varianceBinsFollowNumpyHistogram() {
        VarianceBins bins = new VarianceBins(4, 1.0);
        assertEquals(0, bins.bin(0.0));
        assertEquals(0, bins.bin(Double.NaN));
        assertEquals(0, bins.bin(-1e-18));
        assertEquals(0, bins.bin(0.2499));
        assertEquals(1, bins.bin(0.25));
        assertEquals(2, bins.bin(0.5));
        assertEquals(3, bins.bin(1.0)); // the last bin is closed
        assertEquals(3, bins.bin(7.0)); // above the range: clipped into the last bin
        VarianceBins tenths = new VarianceBins(10, 1.0);
        for (int k = 0; k < 10; k++) {
            assertEquals(k, tenths.bin(k * 0.1)); // the edges numpy.linspace makes
        }
    }

    @Test
    void rejectsInvalidOptions() {
        assertThrows(IllegalArgumentException.class, () -> TextureDescriptors.lbp(0, 1));
        assertThrows(IllegalArgumentException.class, () -> TextureDescriptors.lbp(32, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextureDescriptors.lbp(17, 1, LbpMethod.DEFAULT));
        assertTrue(e.getMessage().contains("1..16"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextureDescriptors.lbp(8, 0));
        assertThrows(IllegalArgumentException.class, () -> TextureDescriptors.lbp(8, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> TextureDescriptors.lbp(8, 101));
        assertThrows(IllegalArgumentException.class, () -> LocalBinaryPattern.builder().method(LbpMethod.VAR)
                .varianceBins(0).build());
        assertThrows(IllegalArgumentException.class, () -> LocalBinaryPattern.builder().method(LbpMethod.VAR)
                .varianceMax(Double.POSITIVE_INFINITY).build());
        assertThrows(IllegalArgumentException.class, () -> LbpMethod.fromSpecName("riu2"));
        assertEquals(LbpMethod.NRI_UNIFORM, LbpMethod.fromSpecName("nri-uniform"));
    }
}
