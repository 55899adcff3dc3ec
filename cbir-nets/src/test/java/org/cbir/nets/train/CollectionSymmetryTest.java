package org.cbir.nets.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.image.SampleDepth;
import org.cbir.nets.Samples;
import org.cbir.nets.Stripes;
import org.cbir.nets.internal.NetworkInput;
import org.cbir.nets.train.CollectionSymmetry.Transform;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The symmetry rule on synthetic collections whose symmetries are known by construction (seeds 61
 * to 66), its statistic on hand-worked changes, and what it chooses on the shared samples.
 */
class CollectionSymmetryTest {
    private static final Logger LOG = LoggerFactory.getLogger(CollectionSymmetryTest.class);
    private static final int SIDE = 48;

    @Test
    void asymmetryIsTheUnbiasedShareOfTheChangesThatAllImagesHaveInCommon() {
        // three equal changes: |sum|^2 = 9, sum |d|^2 = 3, (9 - 3) / (2 * 3) = 1
        assertEquals(1, CollectionSymmetry.asymmetry(vectors(1, 0, 1, 0, 1, 0), new Random(1))[0], 1e-12);
        // opposite changes cancel: (0 - 2) / (1 * 2) = -1
        assertEquals(-1, CollectionSymmetry.asymmetry(vectors(1, 0, -1, 0), new Random(1))[0], 1e-12);
        // (1,0), (0,1), (1,1): |(2,2)|^2 = 8, sum |d|^2 = 4, (8 - 4) / (2 * 4) = 0.5
        assertEquals(0.5, CollectionSymmetry.asymmetry(vectors(1, 0, 0, 1, 1, 1), new Random(1))[0], 1e-12);
        // nothing changes: no asymmetry
        assertEquals(0, CollectionSymmetry.asymmetry(vectors(0, 0, 0, 0), new Random(1))[0]);
    }

    @Test
    void theHistogramOfATransformedImageIsTheHistogramWithItsBinsMoved() {
        Random random = new Random(61);
        for (int draw = 0; draw < 5; draw++) {
            float[] samples = new float[SIDE * SIDE];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = random.nextFloat();
            }
            Image image = Image.of(SIDE, SIDE, 1, SampleDepth.FLOAT, samples);
            float[] histogram = CollectionSymmetry.orientationHistogram(image);
            for (Transform t : List.of(Transform.HORIZONTAL_FLIP, Transform.VERTICAL_FLIP, Transform.QUARTER_TURN)) {
                float[] moved = new float[CollectionSymmetry.BINS];
                for (int b = 0; b < moved.length; b++) {
                    moved[t.bin(b)] += histogram[b];
                }
                assertArrayEquals(moved, CollectionSymmetry.orientationHistogram(t.apply(image)), 1e-5f, t + " draw " + draw);
            }
        }
        // a vertical edge, dark left and bright right: every gradient points right, bin 0
        float[] edge = new float[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = SIDE / 2; x < SIDE; x++) {
                edge[y * SIDE + x] = 1;
            }
        }
        float[] histogram = CollectionSymmetry.orientationHistogram(Image.of(SIDE, SIDE, 1, SampleDepth.FLOAT, edge));
        assertEquals(1, histogram[0], 1e-6);
        Image turned = ImageTransforms.rotate90(Image.of(SIDE, SIDE, 1, SampleDepth.FLOAT, edge), 1);
        assertEquals(1, CollectionSymmetry.orientationHistogram(turned)[CollectionSymmetry.BINS / 4], 1e-6,
                "turned counter-clockwise, bright at the top: gradients point up, a quarter circle on");
    }

    @Test
    void aCollectionWithAHorizonAboveWhichItsPatternsSitKeepsOnlyTheMirror() {
        // like GISAXS: a bright band low in the image and a class-shaped peak above the centre,
        // placed symmetrically left to right; turned or upside down it looks like nothing in the collection
        List<Image> images = new ArrayList<>();
        int[] classes = new int[120];
        Random random = new Random(62);
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i % 2;
            float[] s = noise(random, 0.05f);
            double cx = (SIDE - 1) / 2.0 + random.nextInt(5) - 2; // symmetric about the centre column
            int cy = SIDE / 3 + random.nextInt(5) - 2;
            double spreadX = classes[i] == 0 ? 3 : 7;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    double band = Math.exp(-Math.pow(y - 0.8 * SIDE, 2) / 8);
                    double peak = Math.exp(-Math.pow((x - cx) / spreadX, 2) / 2 - Math.pow((y - cy) / 3.0, 2) / 2);
                    s[y * SIDE + x] += (float) (0.5 * band + 0.4 * peak);
                }
            }
            images.add(image(s));
        }
        CollectionSymmetry symmetry = CollectionSymmetry.of(images, classes, List.of("round", "wide"));
        LOG.info("horizon collection: {}", symmetry);
        assertTrue(symmetry.holds(Transform.HORIZONTAL_FLIP), symmetry.toString());
        assertFalse(symmetry.holds(Transform.VERTICAL_FLIP), symmetry.toString());
        assertFalse(symmetry.holds(Transform.QUARTER_TURN), symmetry.toString());
        assertEquals(2, symmetry.groups());
        assertFalse(symmetry.holds(Transform.SHIFT), symmetry.toString());
        assertEquals("hflip+centre0.8+light0.1+noise0.02", RandomAugmentation.forImages(SIDE, symmetry).toString());
    }

    @Test
    void spotsAndRingsAnywhereHaveEverySymmetry() {
        // like cell crops or textures: what decides the class (a spot or a ring) sits anywhere, in no direction
        List<Image> images = new ArrayList<>();
        int[] classes = new int[120];
        Random random = new Random(63);
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i % 2;
            float[] s = noise(random, 0.05f);
            int cx = 10 + random.nextInt(SIDE - 20);
            int cy = 10 + random.nextInt(SIDE - 20);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    double r = Math.hypot(x - cx, y - cy);
                    double v = classes[i] == 0 ? Math.exp(-r * r / 18) : Math.exp(-Math.pow(r - 6, 2) / 2);
                    s[y * SIDE + x] += (float) (0.8 * v);
                }
            }
            images.add(image(s));
        }
        CollectionSymmetry symmetry = CollectionSymmetry.of(images, classes, null);
        LOG.info("spots and rings: {}", symmetry);
        for (Transform t : Transform.values()) {
            assertTrue(symmetry.holds(t), t + ": " + symmetry);
        }
        assertEquals(RandomAugmentation.forImages(SIDE), RandomAugmentation.forImages(SIDE, symmetry));
    }

    @Test
    void stripesWhoseOrientationIsTheLabelKeepTheFlipsButNotTheTurns() {
        ImageCollection stripes = Stripes.collection(40, 64);
        List<Image> images = new ArrayList<>();
        int[] classes = new int[stripes.size()];
        for (int i = 0; i < stripes.size(); i++) {
            ImageEntry e = stripes.entries().get(i);
            images.add(NetworkInput.prepare(((ImageEntry.InMemory) e).image(), 1));
            classes[i] = e.label().equals("h") ? 0 : 1;
        }
        CollectionSymmetry labelled = CollectionSymmetry.of(images, classes, List.of("h", "v"));
        LOG.info("stripes: {}", labelled);
        assertTrue(labelled.holds(Transform.HORIZONTAL_FLIP), labelled.toString());
        assertTrue(labelled.holds(Transform.VERTICAL_FLIP), labelled.toString());
        assertFalse(labelled.holds(Transform.QUARTER_TURN), labelled.toString());
        assertTrue(labelled.measure(Transform.QUARTER_TURN).orientation() > 0.5, labelled.toString());
        assertEquals("flip+centre0.85+light0.1+noise0.02", RandomAugmentation.forImages(16, labelled).toString());
        // without labels half the images are the other half turned: the whole collection looks the same turned
        CollectionSymmetry unlabelled = CollectionSymmetry.of(images, null, null);
        assertTrue(unlabelled.holds(Transform.QUARTER_TURN), unlabelled.toString());
        assertEquals(1, unlabelled.groups());
    }

    @Test
    void tooFewImagesKeepEverythingAndBadInputIsNamed() {
        Random random = new Random(65);
        List<Image> three = List.of(image(noise(random, 1)), image(noise(random, 1)), image(noise(random, 1)));
        CollectionSymmetry symmetry = CollectionSymmetry.of(three, null, null);
        assertEquals(0, symmetry.groups());
        for (Transform t : Transform.values()) {
            assertTrue(symmetry.holds(t));
        }
        assertTrue(symmetry.toString().contains("every transform kept"), symmetry.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CollectionSymmetry.of(three, new int[2], null));
        assertTrue(e.getMessage().contains("2 class indices for 3 images"), e.getMessage());
        List<Image> mixed = List.of(image(noise(random, 1)), Image.of(8, 8, 1, SampleDepth.FLOAT, new float[64]));
        e = assertThrows(IllegalArgumentException.class, () -> CollectionSymmetry.of(mixed, null, null));
        assertTrue(e.getMessage().contains("8x8x1"), e.getMessage());
        // rectangular images are not tested for the quarter turn, which is then not drawn
        List<Image> wide = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            float[] s = new float[32 * 16];
            for (int k = 0; k < s.length; k++) {
                s[k] = random.nextFloat();
            }
            wide.add(Image.of(32, 16, 1, SampleDepth.FLOAT, s));
        }
        CollectionSymmetry rectangular = CollectionSymmetry.of(wide, null, null);
        assertFalse(rectangular.measure(Transform.QUARTER_TURN).tested());
        assertFalse(rectangular.holds(Transform.QUARTER_TURN));
        assertTrue(rectangular.holds(Transform.HORIZONTAL_FLIP), rectangular.toString());
    }

    @Test
    void theGisaxsPatternsHaveNoSymmetryAndTheFibrePatchesEveryButTheShift() {
        // the beam is off the patterns' centre column, so even the mirror moves it where no pattern has it
        CollectionSymmetry gisaxs = measured(Samples.gisaxsDatabase(), 64);
        LOG.info("GISAXS: {}", gisaxs);
        for (Transform t : Transform.values()) {
            assertFalse(gisaxs.holds(t), t + ": " + gisaxs);
            assertTrue(gisaxs.measure(t).layout() > 0.5, t + ": " + gisaxs);
        }
        assertEquals("centre0.8+light0.1+noise0.02", RandomAugmentation.forImages(100, gisaxs).toString());
        CollectionSymmetry fibres = measured(Samples.fibresDatabase(), 16);
        LOG.info("fibres: {}", fibres);
        for (Transform t : List.of(Transform.HORIZONTAL_FLIP, Transform.VERTICAL_FLIP, Transform.QUARTER_TURN)) {
            assertTrue(fibres.holds(t), t + ": " + fibres);
        }
        // a fibre patch's label is what sits at its centre: shifted, the collection no longer looks the same
        assertFalse(fibres.holds(Transform.SHIFT), fibres.toString());
        assertEquals(RandomAugmentation.forImages(16), RandomAugmentation.forImages(16, fibres));
    }

    /** The collection's images prepared as the CNN trainer prepares them, read at {@code side x side}. */
    private static CollectionSymmetry measured(Path database, int side) {
        ImageCollection collection;
        try {
            collection = ImageCollection.fromFolder(database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> names = collection.labels().stream().sorted().toList();
        int[] classes = new int[collection.size()];
        List<Image> images = collection.entries().parallelStream().map(e -> {
            try {
                return NetworkInput.prepare(e.load(), 1).resize(side, side);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }).toList();
        for (int i = 0; i < classes.length; i++) {
            classes[i] = names.indexOf(collection.entries().get(i).label());
        }
        return CollectionSymmetry.of(images, classes, names);
    }

    private static List<float[]> vectors(float... values) {
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < values.length; i += 2) {
            vectors.add(new float[] {values[i], values[i + 1]});
        }
        return vectors;
    }

    private static float[] noise(Random random, float std) {
        float[] s = new float[SIDE * SIDE];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (std * random.nextGaussian());
        }
        return s;
    }

    private static Image image(float[] samples) {
        float[] clamped = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            clamped[i] = Math.min(1, Math.max(0, samples[i]));
        }
        return Image.of(SIDE, SIDE, 1, SampleDepth.FLOAT, clamped);
    }
}
