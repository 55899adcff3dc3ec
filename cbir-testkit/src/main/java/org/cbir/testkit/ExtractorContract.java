package org.cbir.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Persistent;
import org.cbir.core.image.Image;
import org.cbir.core.image.SampleDepth;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link FeatureExtractor} promises, as a JUnit 5 suite: extend it and give the
 * {@link #extractor()} under test (trained already, for one that trains) and, where it needs
 * particular inputs, its {@link #images()}. Checked: signatures of length
 * {@link FeatureExtractor#dimension()} with finite values, fresh arrays owned by the caller, the
 * input left untouched, determinism, the same result from many threads at once, a spec that the
 * registry restores to an extractor with equal signatures, and, for a {@link Persistent}
 * extractor, a saved state that restores identically and whose every file is checked on load.
 */
public abstract class ExtractorContract {

    @TempDir
    Path temporary;

    /** The extractor under test. */
    protected abstract FeatureExtractor extractor();

    /** The images the contract runs on: by default grey and RGB, square and not, of a few sizes from 16. */
    protected List<Image> images() {
        return List.of(noise(37, 23, 1, 1), rings(64, 64), noise(16, 16, 3, 2), noise(48, 40, 3, 3));
    }

    /** A seeded image of uniform noise in 0..1. */
    protected static Image noise(int width, int height, int channels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] samples = new float[width * height * channels];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) random.nextDouble();
        }
        return Image.of(width, height, channels, SampleDepth.FLOAT, samples);
    }

    /** Concentric rings: structure at every orientation, for gradient and texture descriptors. */
    protected static Image rings(int width, int height) {
        float[] samples = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double r = Math.hypot(x - width / 2.0, y - height / 2.0);
                samples[y * width + x] = (float) (0.5 + 0.5 * Math.sin(r / 2));
            }
        }
        return Image.grey(width, height, samples);
    }

    private List<float[]> signatures(FeatureExtractor extractor) {
        List<float[]> signatures = new ArrayList<>();
        for (Image image : images()) {
            signatures.add(extractor.extract(image));
        }
        return signatures;
    }

    @Test
    void signaturesHaveTheDeclaredLengthFiniteValuesAndFreshArrays() {
        FeatureExtractor extractor = extractor();
        for (Image image : images()) {
            Image copy = Image.of(image.width(), image.height(), image.channels(), image.depth(), image.samples());
            float[] first = extractor.extract(image);
            assertEquals(extractor.dimension(), first.length, "signature length of " + extractor.spec());
            for (float v : first) {
                assertTrue(Float.isFinite(v), () -> extractor.spec() + " gave a non-finite value");
            }
            float[] second = extractor.extract(image);
            assertNotSame(first, second, "each call must return a fresh array");
            assertArrayEquals(first, second, "extraction must be deterministic");
            assertEquals(copy, image, "extraction must not modify its input");
            first[0] = Float.NaN; // the caller owns the array
            assertArrayEquals(second, extractor.extract(image));
        }
    }

    @Test
    void concurrentExtractionMatchesSequentialExtraction() throws Exception {
        FeatureExtractor extractor = extractor();
        List<Image> images = images();
        List<float[]> sequential = signatures(extractor);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                for (Image image : images) {
                    futures.add(pool.submit(() -> extractor.extract(image)));
                }
            }
            for (int k = 0; k < futures.size(); k++) {
                assertArrayEquals(sequential.get(k % images.size()), futures.get(k).get(),
                        "concurrent extraction must match sequential extraction");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSpecAndTheSavedStateRestoreAnEqualExtractor() throws IOException {
        FeatureExtractor extractor = extractor();
        StoreDirectory state = null;
        if (extractor instanceof Persistent persistent) {
            state = StoreDirectory.local(Files.createDirectory(temporary.resolve("state")));
            persistent.save(state);
        }
        FeatureExtractor restored = ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, extractor.spec(), state);
        assertEquals(extractor.spec(), restored.spec(), "spec round trip");
        assertEquals(extractor.dimension(), restored.dimension());
        List<float[]> expected = signatures(extractor);
        List<float[]> actual = signatures(restored);
        for (int k = 0; k < expected.size(); k++) {
            assertArrayEquals(expected.get(k), actual.get(k), "the restored extractor differs on image " + k);
        }
    }

    @Test
    void everySavedFileIsCheckedOnLoad() throws IOException {
        if (!(extractor() instanceof Persistent persistent)) {
            return;
        }
        Path state = Files.createDirectory(temporary.resolve("corrupt"));
        persistent.save(StoreDirectory.local(state));
        SavedStateCorruption.assertEveryFileIsChecked(state,
                d -> ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, extractor().spec(), d));
    }
}
