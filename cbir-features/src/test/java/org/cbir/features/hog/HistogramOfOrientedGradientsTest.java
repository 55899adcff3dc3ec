package org.cbir.features.hog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cbir.core.image.Image;
import org.cbir.features.SyntheticImages;
import org.cbir.features.TextureDescriptors;
import org.junit.jupiter.api.Test;

class HistogramOfOrientedGradientsTest {

    /** One 4x4 cell, one block, 9 bins of 20 degrees, L1. */
    private static HistogramOfOrientedGradients singleCell() {
        return HistogramOfOrientedGradients.builder().size(4, 4).pixelsPerCell(4, 4).cellsPerBlock(1, 1)
                .blockNormalization(BlockNormalization.L1).build();
    }

    private static Image ramp(boolean horizontal) {
        float[] v = new float[16];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                v[y * 4 + x] = (horizontal ? x : y) / 4f;
            }
        }
        return Image.grey(4, 4, v);
    }

    @Test
    void handWorkedHorizontalRamp() {
        // Columns 1 and 2 have g_col = 0.5 (central difference of a 1/4 step), the border columns
        // 0; all at 0 degrees: bin 0 holds 8 * 0.5 / 16 pixels = 0.25, L1-normalised by 0.25 + 1e-5.
        float[] expected = new float[9];
        expected[0] = (float) (0.25 / (0.25 + 1e-5));
        assertArrayEquals(expected, singleCell().extract(ramp(true)));
    }

    @Test
    void handWorkedVerticalRampVotesAtNinetyDegrees() {
        // 90 degrees lies in bin 4 (80 <= 90 < 100).
        float[] expected = new float[9];
        expected[4] = (float) (0.25 / (0.25 + 1e-5));
        assertArrayEquals(expected, singleCell().extract(ramp(false)));
    }

    @Test
    void binsFollowScikitImagesHalfOpenIntervals() {
        assertEquals(0, OrientationHistograms.bin(0.0, 20, 9));
        assertEquals(0, OrientationHistograms.bin(19.999999, 20, 9));
        assertEquals(1, OrientationHistograms.bin(20.0, 20, 9));
        assertEquals(8, OrientationHistograms.bin(179.99, 20, 9));
        assertEquals(-1, OrientationHistograms.bin(180.0, 20, 9));
        double width = 180.0 / 7;
        for (int i = 0; i < 7; i++) {
            assertEquals(i, OrientationHistograms.bin(width * i, width, 7));
            assertEquals(i, OrientationHistograms.bin(Math.nextDown(width * (i + 1)), width, 7));
        }
    }

    @Test
    void constantImageGivesZeros() {
        float[] f = TextureDescriptors.hog().extract(SyntheticImages.make("constant", 16, 16, 1));
        assertArrayEquals(new float[f.length], f);
    }

    @Test
    void dimensionCountsBlocksCellsAndBins() {
        assertEquals(6 * 6 * 3 * 3 * 9, TextureDescriptors.hog().dimension());
        HistogramOfOrientedGradients hog = HistogramOfOrientedGradients.builder().size(50, 30).pixelsPerCell(5, 4)
                .cellsPerBlock(2, 3).orientations(6).build();
        // 10 x 7 cells, 9 x 5 block positions
        assertEquals(5 * 9 * 3 * 2 * 6, hog.dimension());
    }

    @Test
    void resizesEveryImageToTheConfiguredSize() {
        HistogramOfOrientedGradients hog = TextureDescriptors.hog(32, 24);
        Image large = SyntheticImages.make("rings", 100, 100, 1);
        Image small = SyntheticImages.make("noise", 16, 16, 1);
        assertArrayEquals(hog.extract(large.resize(32, 24)), hog.extract(large));
        assertArrayEquals(hog.extract(small.resize(32, 24)), hog.extract(small));
        assertEquals(hog.dimension(), hog.extract(Image.grey(1, 1, new float[] {0.5f})).length);
    }

    @Test
    void blockNormalisationsBoundTheBlocks() {
        Image image = SyntheticImages.make("noise", 64, 64, 1);
        HistogramOfOrientedGradients.Builder b = HistogramOfOrientedGradients.builder().cellsPerBlock(2, 2);
        int block = 2 * 2 * 9;
        float[] l1 = b.blockNormalization(BlockNormalization.L1).build().extract(image);
        float[] l2 = b.blockNormalization(BlockNormalization.L2).build().extract(image);
        float[] hys = b.blockNormalization(BlockNormalization.L2_HYS).build().extract(image);
        float[] sqrt = b.blockNormalization(BlockNormalization.L1_SQRT).build().extract(image);
        for (int start = 0; start < l1.length; start += block) {
            double sum = 0;
            double squares = 0;
            double hysSquares = 0;
            double sqrtSquares = 0;
            for (int k = start; k < start + block; k++) {
                sum += l1[k];
                squares += (double) l2[k] * l2[k];
                hysSquares += (double) hys[k] * hys[k];
                sqrtSquares += (double) sqrt[k] * sqrt[k];
                assertEquals(Math.sqrt(l1[k]), sqrt[k], 1e-6);
            }
            assertEquals(1.0, sum, 1e-4);
            assertEquals(1.0, squares, 1e-4);
            assertEquals(1.0, hysSquares, 1e-4);
            assertEquals(1.0, sqrtSquares, 1e-4);
        }
    }

    @Test
    void squareRootIgnoresNegativeIntensities() {
        float[] samples = new float[64];
        samples[9] = -0.5f;
        samples[20] = 0.7f;
        HistogramOfOrientedGradients hog = HistogramOfOrientedGradients.builder().size(8, 8).pixelsPerCell(4, 4)
                .cellsPerBlock(2, 2).transformSqrt(true).build();
        for (float v : hog.extract(Image.grey(8, 8, samples))) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void rejectsInvalidOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HistogramOfOrientedGradients.builder().size(16, 16).build());
        assertTrue(e.getMessage().contains("fewer than one block"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HistogramOfOrientedGradients.builder().orientations(0).build());
        assertThrows(IllegalArgumentException.class, () -> HistogramOfOrientedGradients.builder().pixelsPerCell(0, 8).build());
        assertThrows(IllegalArgumentException.class, () -> HistogramOfOrientedGradients.builder().cellsPerBlock(3, 0).build());
        assertThrows(IllegalArgumentException.class, () -> HistogramOfOrientedGradients.builder().size(5000, 64).build());
        assertThrows(IllegalArgumentException.class, () -> BlockNormalization.fromSpecName("l3"));
        assertEquals(BlockNormalization.L2_HYS, BlockNormalization.fromSpecName("L2-Hys"));
    }
}
