package org.cbir.nets.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.image.SampleDepth;
import org.cbir.nets.Stripes;
import org.cbir.nets.internal.NetworkInput;
import org.junit.jupiter.api.Test;

/** Random views keep what decides an image's label (seeds 51 to 53). */
class RandomAugmentationTest {
    private static final RandomAugmentation NO_TURNS = new RandomAugmentation(true, true, false, 0.8, false, 0.1, 0.02);

    @Test
    void viewsWithoutTurnsKeepTheStripeOrientationThatIsTheLabel() {
        ImageCollection stripes = Stripes.collection(20, 51);
        Random random = new Random(52);
        for (ImageEntry e : stripes) {
            Image prepared = NetworkInput.prepare(((ImageEntry.InMemory) e).image(), 1);
            for (int draw = 0; draw < 5; draw++) {
                Image view = NO_TURNS.apply(prepared, random);
                assertEquals(e.label(), orientation(view), e.name() + " draw " + draw);
                assertEquals(prepared.width(), view.width());
                assertEquals(prepared.height(), view.height());
            }
        }
    }

    @Test
    void quarterTurnsOfAFibrePatchKeepItsCentreAndCentredCropsZoomAboutIt() {
        RandomAugmentation fibres = RandomAugmentation.forImages(16);
        assertTrue(fibres.centred(), fibres.toString());
        float[] samples = new float[16 * 16];
        for (int y = 6; y < 10; y++) {
            for (int x = 6; x < 10; x++) {
                samples[y * 16 + x] = 1;
            }
        }
        Image dot = Image.of(16, 16, 1, SampleDepth.FLOAT, samples);
        RandomAugmentation geometryOnly = new RandomAugmentation(true, true, true, 0.85, true, 0, 0);
        Random random = new Random(53);
        for (int draw = 0; draw < 50; draw++) {
            Image view = geometryOnly.apply(dot, random);
            for (int y = 7; y < 9; y++) {
                for (int x = 7; x < 9; x++) {
                    assertTrue(view.sample(x, y, 0) > 0.99f, "centre pixel " + x + "," + y + " of draw " + draw);
                }
            }
            assertEquals(0f, view.sample(0, 0, 0), "corner of draw " + draw);
        }
    }

    @Test
    void samplesStayInTheUnitRangeAndDrawsAreSeeded() {
        Image image = NetworkInput.prepare(Stripes.images(Stripes.collection(1, 54)).get(0), 1);
        RandomAugmentation strong = new RandomAugmentation(true, true, true, 0.5, false, 0.9, 0.5);
        Image a = strong.apply(image, new Random(7));
        Image b = strong.apply(image, new Random(7));
        assertArrayEquals(a.samples(), b.samples());
        for (float v : a.samples()) {
            assertTrue(v >= 0 && v <= 1, "sample " + v);
        }
        assertFalse(java.util.Arrays.equals(a.samples(), strong.apply(image, new Random(8)).samples()));
        assertArrayEquals(image.samples(), RandomAugmentation.none().apply(image, new Random(7)).samples());
    }

    @Test
    void eachFlipMirrorsOnlyItsOwnAxis() {
        float[] samples = new float[8 * 8];
        samples[2 * 8 + 1] = 1; // the pixel (1, 2)
        Image dot = Image.of(8, 8, 1, SampleDepth.FLOAT, samples);
        RandomAugmentation horizontal = RandomAugmentation.parse("hflip");
        RandomAugmentation vertical = RandomAugmentation.parse("vflip");
        RandomAugmentation both = RandomAugmentation.parse("flip");
        assertEquals(new RandomAugmentation(true, false, false, 1, false, 0, 0), horizontal);
        assertEquals(new RandomAugmentation(false, true, false, 1, false, 0, 0), vertical);
        java.util.Set<String> seenH = new java.util.TreeSet<>();
        java.util.Set<String> seenV = new java.util.TreeSet<>();
        java.util.Set<String> seenBoth = new java.util.TreeSet<>();
        Random random = new Random(55);
        for (int draw = 0; draw < 40; draw++) {
            seenH.add(brightest(horizontal.apply(dot, random)));
            seenV.add(brightest(vertical.apply(dot, random)));
            seenBoth.add(brightest(both.apply(dot, random)));
        }
        assertEquals(java.util.Set.of("1,2", "6,2"), seenH);
        assertEquals(java.util.Set.of("1,2", "1,5"), seenV);
        assertEquals(java.util.Set.of("1,2", "6,2", "1,5", "6,5"), seenBoth);
    }

    private static String brightest(Image image) {
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                if (image.sample(x, y, 0) == 1) {
                    return x + "," + y;
                }
            }
        }
        return "none";
    }

    @Test
    void textFormRoundTripsAndBadTokensAreNamed() {
        for (RandomAugmentation a : List.of(RandomAugmentation.none(), RandomAugmentation.forImages(16),
                RandomAugmentation.forImages(100), NO_TURNS, RandomAugmentation.parse("hflip+centre0.8+light0.1"),
                RandomAugmentation.parse("vflip+turn"))) {
            assertEquals(a, RandomAugmentation.parse(a.toString()));
        }
        assertEquals("flip", RandomAugmentation.parse("hflip+vflip").toString());
        assertEquals("flip+turn+crop0.8+light0.1+noise0.02", RandomAugmentation.forImages(100).toString());
        assertEquals("flip+turn+crop0.6+light0.4+noise0.05", RandomAugmentation.forSelfSupervised(100).toString());
        assertEquals("flip+turn+centre0.6+light0.4+noise0.05", RandomAugmentation.forSelfSupervised(16).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomAugmentation.parse("flip+spin"));
        assertTrue(e.getMessage().contains("'spin'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RandomAugmentation.parse("crop1.5"));
    }

    /** "h" when brightness varies more down the columns than along the rows (horizontal stripes), else "v". */
    private static String orientation(Image image) {
        int w = image.width();
        int h = image.height();
        double rowMeansVariance = variance(h, y -> mean(w, x -> image.sample(x, y, 0)));
        double columnMeansVariance = variance(w, x -> mean(h, y -> image.sample(x, y, 0)));
        return rowMeansVariance > columnMeansVariance ? "h" : "v";
    }

    private static double mean(int n, java.util.function.IntToDoubleFunction f) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += f.applyAsDouble(i);
        }
        return s / n;
    }

    private static double variance(int n, java.util.function.IntToDoubleFunction f) {
        double m = mean(n, f);
        return mean(n, i -> (f.applyAsDouble(i) - m) * (f.applyAsDouble(i) - m));
    }
}
