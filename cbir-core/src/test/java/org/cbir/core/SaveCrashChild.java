package org.cbir.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.cbir.core.TestComponents.RowMeans;
import org.cbir.core.image.Image;

/**
 * The child JVM of {@link SaveCrashTest}: builds the store version its seed names and saves it
 * over the given store, writing "saving" before the save starts and "saved" after it ends.
 */
public final class SaveCrashChild {
    static final int DIMENSION = 64;

    private SaveCrashChild() {
    }

    /** The pipeline of version {@code seed}: {@code count} random 1 x 64 images. */
    static RetrievalPipeline version(long seed, int count) {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new RowMeans(DIMENSION)).threads(1).build();
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            float[] pixels = new float[DIMENSION];
            for (int j = 0; j < DIMENSION; j++) {
                pixels[j] = random.nextFloat();
            }
            pipeline.add(Image.grey(1, DIMENSION, pixels), "img-" + seed + "-" + i, "l" + (i % 7));
        }
        return pipeline;
    }

    public static void main(String[] args) throws IOException {
        RetrievalPipeline pipeline = version(Long.parseLong(args[1]), Integer.parseInt(args[2]));
        System.out.println("saving");
        System.out.flush();
        pipeline.save(Path.of(args[0]));
        System.out.println("saved");
        System.out.flush();
    }
}
