package org.cbir.nets;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.image.SampleDepth;

/** A tiny labelled collection for fast tests: noisy horizontal ("h") and vertical ("v") stripes, 16x16 8-bit grey. */
public final class Stripes {
    public static final int SIZE = 16;

    private Stripes() {
    }

    public static ImageCollection collection(int perClass, long seed) {
        Random random = new Random(seed);
        List<ImageEntry> entries = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            entries.add(new ImageEntry.InMemory("h" + i, "h", image(random, true)));
            entries.add(new ImageEntry.InMemory("v" + i, "v", image(random, false)));
        }
        return ImageCollection.of(entries);
    }

    public static List<Image> images(ImageCollection collection) {
        return collection.entries().stream().map(e -> ((ImageEntry.InMemory) e).image()).toList();
    }

    private static Image image(Random random, boolean horizontal) {
        int period = 2 + random.nextInt(3);
        int phase = random.nextInt(period);
        float[] samples = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int along = horizontal ? y : x;
                boolean bright = (along + phase) % period == 0;
                samples[y * SIZE + x] = Math.min(255, Math.max(0, (bright ? 200 : 40) + (float) random.nextGaussian() * 20));
            }
        }
        return Image.of(SIZE, SIZE, 1, SampleDepth.UINT8, samples);
    }
}
