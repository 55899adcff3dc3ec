package org.cbir.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;

/**
 * What every {@link FeatureExtractor} promises, checked on a few images: signatures of length
 * {@link FeatureExtractor#dimension()} with finite values, fresh arrays owned by the caller,
 * the input left untouched, the same result from many threads at once, and a spec that
 * rebuilds an equal extractor through the registered providers.
 */
public final class ExtractorContract {
    private ExtractorContract() {
    }

    /** Checks the contract of {@code extractor} on {@code images}. */
    public static void check(FeatureExtractor extractor, List<Image> images) throws Exception {
        List<float[]> sequential = new ArrayList<>();
        for (Image image : images) {
            Image copy = Image.of(image.width(), image.height(), image.channels(), image.depth(), image.samples());
            float[] first = extractor.extract(image);
            assertEquals(extractor.dimension(), first.length, "signature length of " + extractor);
            for (float v : first) {
                assertTrue(Float.isFinite(v), () -> extractor + " gave a non-finite value on " + image);
            }
            float[] second = extractor.extract(image);
            assertNotSame(first, second, "each call must return a fresh array");
            assertArrayEquals(first, second, "extraction must be deterministic");
            assertEquals(copy, image, "extraction must not modify its input");
            first[0] = Float.NaN; // the caller owns the array
            assertArrayEquals(second, extractor.extract(image));
            sequential.add(second);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
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
        FeatureExtractor restored = ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, extractor.spec());
        assertEquals(extractor.spec(), restored.spec(), "spec round trip");
        assertEquals(extractor.dimension(), restored.dimension());
        for (int k = 0; k < images.size(); k++) {
            assertArrayEquals(sequential.get(k), restored.extract(images.get(k)), "restored extractor differs");
        }
    }

    /** A few varied test images: grey, RGB, small, non-square. */
    public static List<Image> sampleImages() {
        return List.of(SyntheticImages.make("noise", 37, 23, 1),
                SyntheticImages.make("rings", 64, 64, 1),
                SyntheticImages.make("noise", 16, 16, 3),
                SyntheticImages.make("checker", 5, 3, 1));
    }
}
