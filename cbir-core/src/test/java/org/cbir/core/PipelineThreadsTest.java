package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches run on the pipeline's own threads, and a closed pipeline refuses work. */
class PipelineThreadsTest {
    private static final long SEED = 19;
    private static final int ROWS = 20_000;

    /** Squared L2, recording the threads it is called on (not a tile-kernel similarity: called per row). */
    private static final class RecordingDistance implements Similarity {
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("recording-squared-l2");
        }

        @Override
        public double distance(float[] a, float[] b) {
            threads.add(Thread.currentThread().getName());
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                double d = a[i] - b[i];
                sum += d * d;
            }
            return sum;
        }
    }

    private static Image randomImage(Random random) {
        float[] pixels = new float[16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        return Image.grey(4, 4, pixels);
    }

    private static RetrievalPipeline filled(RecordingDistance distance, int threads) {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new TestComponents.RowMeans(4))
                .similarity(distance).threads(threads).build();
        Random random = new Random(SEED);
        for (int i = 0; i < ROWS; i++) {
            pipeline.add(randomImage(random), "image-" + i, null);
        }
        return pipeline;
    }

    @Test
    void searchesRunOnThePipelinesThreadsOnly() {
        RecordingDistance distance = new RecordingDistance();
        try (RetrievalPipeline pipeline = filled(distance, 2)) {
            Random random = new Random(SEED + 1);
            List<Image> queries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                queries.add(randomImage(random));
            }
            pipeline.queryAll(queries, 5);
            pipeline.query(queries.get(0), 5);
        }
        assertFalse(distance.threads.isEmpty());
        assertTrue(distance.threads.size() <= 2, distance.threads.toString());
        for (String thread : distance.threads) {
            assertTrue(thread.startsWith("cbir-search-"), "a search ran on " + thread);
        }
    }

    @Test
    void oneThreadScansOnOneThread() {
        RecordingDistance distance = new RecordingDistance();
        try (RetrievalPipeline pipeline = filled(distance, 1)) {
            pipeline.query(randomImage(new Random(SEED + 2)), 3);
        }
        assertEquals(1, distance.threads.size(), distance.threads.toString());
    }

    @Test
    void aClosedPipelineRefusesQueriesAdditionsAndSaves(@TempDir Path dir) throws IOException {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new TestComponents.RowMeans(2)).build();
        Image image = Image.grey(2, 2, new float[] {0.1f, 0.2f, 0.3f, 0.4f});
        pipeline.add(image, "a", "A");
        assertEquals(1, pipeline.query(image, 1).matches().size());
        pipeline.close();
        pipeline.close();
        IllegalStateException query = assertThrows(IllegalStateException.class, () -> pipeline.query(image, 1));
        assertTrue(query.getMessage().contains("closed"), query.getMessage());
        assertThrows(IllegalStateException.class, () -> pipeline.add(image, "b", "A"));
        assertThrows(IllegalStateException.class, () -> pipeline.save(dir.resolve("closed.cbir")));
    }

    @Test
    void aMappedLoadClosesWithTryWithResources(@TempDir Path dir) throws IOException {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new TestComponents.RowMeans(2)).build();
        Image image = Image.grey(2, 2, new float[] {0.1f, 0.2f, 0.3f, 0.4f});
        pipeline.add(image, "a", "A");
        pipeline.save(dir.resolve("store.cbir"));
        RetrievalPipeline kept;
        try (RetrievalPipeline mapped = RetrievalPipeline.load(dir.resolve("store.cbir"),
                LoadOptions.defaults().withMappedIndexFiles(true))) {
            assertEquals("a", mapped.query(image, 1).matches().get(0).path());
            kept = mapped;
        }
        assertThrows(IllegalStateException.class, () -> kept.query(image, 1));
    }
}
