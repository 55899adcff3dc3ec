package org.cbir.nets.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.cbir.core.image.Image;
import org.cbir.core.image.SampleDepth;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    /** A 2x2 grey image [[1, 2], [3, 4]], worked by hand. */
    private static final Image TWO_BY_TWO = Image.of(2, 2, 1, SampleDepth.UINT8, new float[] {1, 2, 3, 4});

    @Test
    void handWorkedShiftsMirrorTheBorderAndRotationsTurnCounterClockwise() {
        List<Image> all = Augmentation.of(true, 1).variants(TWO_BY_TWO);
        assertEquals(20, all.size());
        assertEquals(TWO_BY_TWO, all.get(0));
        assertEquals(grey(2, 2, 2, 4, 1, 3), all.get(1));    // 90 degrees counter-clockwise
        assertEquals(grey(2, 2, 4, 3, 2, 1), all.get(2));    // 180
        assertEquals(grey(2, 2, 3, 1, 4, 2), all.get(3));    // 270
        assertEquals(grey(2, 2, 1, 1, 3, 3), all.get(4));    // right by 1: left column repeated
        assertEquals(grey(2, 2, 2, 2, 4, 4), all.get(8));    // left by 1
        assertEquals(grey(2, 2, 1, 2, 1, 2), all.get(12));   // down by 1: top row repeated
        assertEquals(grey(2, 2, 3, 4, 3, 4), all.get(16));   // up by 1
        assertEquals(grey(2, 2, 1, 3, 1, 3), all.get(5));    // right by 1, then 90 degrees
    }

    @Test
    void matchesNumPyPadAndRot90ForGreyAndRgb() throws IOException {
        Image grey = Image.of(4, 3, 1, SampleDepth.UINT8, new float[] {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120});
        float[] rgbSamples = new float[18];
        for (int i = 0; i < 18; i++) {
            rgbSamples[i] = (i + 1) * 5;
        }
        Image rgb = Image.of(3, 2, 3, SampleDepth.UINT8, rgbSamples);
        Augmentation augmentation = Augmentation.of(true, 1, 5);
        List<Image> expectedGrey = new ArrayList<>();
        List<Image> expectedRgb = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("augmentation-reference.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] f = line.trim().split(" ");
                int w = Integer.parseInt(f[2]);
                int h = Integer.parseInt(f[3]);
                int c = Integer.parseInt(f[4]);
                float[] samples = new float[f.length - 5];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = Float.parseFloat(f[5 + i]);
                }
                Image image = Image.of(w, h, c, SampleDepth.UINT8, samples);
                (f[0].equals("grey") ? expectedGrey : expectedRgb).add(image);
            }
        }
        assertEquals(36, augmentation.variantsPerImage());
        assertEquals(expectedGrey, augmentation.variants(grey));
        assertEquals(expectedRgb, augmentation.variants(rgb));
    }

    @Test
    void paperAugmentationGives52DistinctImagesTheOriginalFirst() {
        Random random = new Random(3);
        float[] samples = new float[48 * 40];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextFloat();
        }
        Image image = Image.grey(48, 40, samples);
        Augmentation paper = Augmentation.paper();
        assertEquals(52, paper.variantsPerImage());
        List<Image> all = paper.variants(image);
        assertEquals(image, all.get(0));
        Set<Image> distinct = new HashSet<>(all);
        assertEquals(52, distinct.size());
        for (int v = 0; v < 52; v++) {
            Image variant = all.get(v);
            boolean quarter = v % 4 == 1 || v % 4 == 3;
            assertEquals(quarter ? 40 : 48, variant.width(), "width of variant " + v);
            assertEquals(quarter ? 48 : 40, variant.height(), "height of variant " + v);
        }
    }

    @Test
    void countsFollowTheFormula() {
        assertEquals(1, Augmentation.none().variantsPerImage());
        assertEquals(4, Augmentation.of(true).variantsPerImage());
        assertEquals(13, Augmentation.of(false, 7, 14, 20).variantsPerImage());
        assertEquals(52, Augmentation.of(true, 8, 16, 24).variantsPerImage());
    }

    @Test
    void textFormRoundTrips() {
        for (Augmentation a : List.of(Augmentation.none(), Augmentation.paper(), Augmentation.of(true),
                Augmentation.of(false, 3, 9))) {
            assertEquals(a, Augmentation.parse(a.toString()), a.toString());
        }
        assertEquals("7/14/20+rot", Augmentation.paper().toString());
        assertNotEquals(Augmentation.of(false, 7), Augmentation.of(true, 7));
    }

    @Test
    void rejectsBadOffsetsAndText() {
        assertThrows(IllegalArgumentException.class, () -> Augmentation.of(true, 0));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.of(true, 7, 7));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("seven"));
        assertThrows(IndexOutOfBoundsException.class, () -> Augmentation.paper().variant(TWO_BY_TWO, 52));
    }

    private static Image grey(int w, int h, float... samples) {
        return Image.of(w, h, 1, SampleDepth.UINT8, samples);
    }
}
