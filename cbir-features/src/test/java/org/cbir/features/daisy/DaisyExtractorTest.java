package org.cbir.features.daisy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;
import org.cbir.core.image.Images;
import org.cbir.core.image.SampleDepth;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.junit.jupiter.api.Test;

class DaisyExtractorTest {

    private static Image noise(int width, int height, int channels, long seed) {
        Random random = new Random(seed);
        float[] samples = new float[width * height * channels];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextInt(256);
        }
        return Image.of(width, height, channels, SampleDepth.UINT8, samples);
    }

    @Test
    void dimensionFollowsPooling() {
        assertEquals(200, DaisyExtractor.withDefaults().dimension());
        assertEquals(400, DaisyExtractor.builder().pooling(DaisyPooling.MEAN_AND_STD).build().dimension());
        assertEquals(400, DaisyExtractor.builder().pooling(DaisyPooling.MEAN_AND_STD).build()
                .extract(noise(50, 40, 1, 1)).length);
    }

    @Test
    void smallSidesAreUpScaledToTheMinimum() {
        DaisyExtractor daisy = DaisyExtractor.withDefaults();
        assertEquals(32, daisy.minimumSize());
        Image fibre = noise(16, 16, 1, 2);
        Image prepared = daisy.prepare(fibre);
        assertEquals(32, prepared.width());
        assertEquals(32, prepared.height());
        assertEquals(fibre.resize(32, 32), prepared);
        Image strip = daisy.prepare(noise(16, 40, 1, 3));
        assertEquals(32, strip.width());
        assertEquals(40, strip.height());
        Image large = noise(50, 60, 1, 4);
        assertSame(large, daisy.prepare(large));
        assertEquals(200, daisy.extract(fibre).length);
    }

    @Test
    void defaultMinimumCoversTheDescriptor() {
        DaisyDescriptor wide = DaisyDescriptor.builder().radius(20).build();
        assertEquals(41, DaisyExtractor.builder().descriptor(wide).build().minimumSize());
        assertThrows(IllegalArgumentException.class,
                () -> DaisyExtractor.builder().descriptor(wide).minimumSize(32).build());
    }

    @Test
    void rgbIsDescribedAsItsLuminance() {
        Image rgb = noise(40, 36, 3, 5);
        DaisyExtractor daisy = DaisyExtractor.withDefaults();
        assertArrayEquals(daisy.extract(rgb.toGrey()), daisy.extract(rgb));
    }

    @Test
    void specNamesEveryParameterAndRestoresThroughTheProvider() throws IOException {
        DaisyExtractor custom = DaisyExtractor.builder()
                .descriptor(DaisyDescriptor.builder().step(3).histograms(6).orientations(5)
                        .normalization(DaisyNormalization.DAISY).sigmas(0.7, 1.3, 2.9).ringRadii(2.5, 6).build())
                .pooling(DaisyPooling.MEAN_AND_STD)
                .minimumSize(20)
                .build();
        ComponentSpec spec = custom.spec();
        assertEquals("daisy", spec.type());
        assertEquals("0.7,1.3,2.9", spec.require("sigmas"));
        assertEquals("2.5,6.0", spec.require("ring-radii"));
        assertEquals("mean-std", spec.require("pooling"));
        assertEquals("20", spec.require("minimum-size"));
        for (DaisyExtractor original : new DaisyExtractor[] {custom, DaisyExtractor.withDefaults()}) {
            FeatureExtractor restored = ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, original.spec());
            assertEquals(original, restored);
            assertEquals(original.spec(), restored.spec());
            Image image = noise(45, 33, 1, 6);
            assertArrayEquals(original.extract(image), restored.extract(image));
        }
    }

    @Test
    void badSpecsAreRefusedNamingTheParameter() {
        Map<String, String> parameters = new HashMap<>(DaisyExtractor.withDefaults().spec().parameters());
        parameters.put("sigmas", "1,x,3,4");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DaisyExtractor.fromSpec(new ComponentSpec("daisy", parameters)));
        assertTrue(e.getMessage().contains("sigmas"), e.getMessage());
        parameters.put("sigmas", "2.5,2.5,5.0,7.5");
        parameters.put("normalisation", "l3");
        assertThrows(IllegalArgumentException.class,
                () -> DaisyExtractor.fromSpec(new ComponentSpec("daisy", parameters)));
        parameters.remove("normalisation");
        assertThrows(IllegalArgumentException.class,
                () -> DaisyExtractor.fromSpec(new ComponentSpec("daisy", parameters)));
    }

    @Test
    void poolingNamesRoundTrip() {
        for (DaisyPooling p : DaisyPooling.values()) {
            assertEquals(p, DaisyPooling.fromId(p.id()));
        }
        assertThrows(IllegalArgumentException.class, () -> DaisyPooling.fromId("max"));
    }

    @Test
    void sharedInstanceIsThreadSafe() throws Exception {
        DaisyExtractor daisy = DaisyExtractor.withDefaults();
        Image[] images = new Image[8];
        float[][] expected = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            images[i] = noise(48, 40, 1, 10 + i);
            expected[i] = daisy.extract(images[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] futures = new Future<?>[32];
            for (int j = 0; j < futures.length; j++) {
                int i = j % images.length;
                futures[j] = pool.submit(() -> assertArrayEquals(expected[i], daisy.extract(images[i])));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sampleFibreGivesAFiniteSignature() throws IOException {
        Image fibre = Images.read(Samples.root().resolve(
                "fibers_small/database/yes_fibers").toFile().listFiles((d, n) -> n.endsWith(".tif"))[0].toPath());
        float[] signature = DaisyExtractor.withDefaults().extract(fibre);
        double sum = 0;
        for (float v : signature) {
            assertTrue(Float.isFinite(v) && v >= 0);
            sum += v;
        }
        assertEquals(1.0, sum, 1e-4); // mean of L1-normalized descriptors
    }
}
