package org.cbir.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.LoadOptions;
import org.cbir.core.QueryResult;
import org.cbir.core.Reducer;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.StoreDirectory;
import org.junit.jupiter.api.Test;

/**
 * A pipeline saved to a storage other than the local file system ({@link MemoryDirectory}: no
 * local paths, its own publish) loads and answers as the one saved, on the heap even when mapping
 * is asked for; a damaged or missing file of it is refused naming the file; and a save that fails
 * half-way leaves the previous store as it was.
 */
class PipelineOnAnotherStorageTest {
    private static final long SEED = 1414;

    private static List<Image> images(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] samples = new float[16 * 16];
            float level = (float) random.nextDouble();
            for (int p = 0; p < samples.length; p++) {
                samples[p] = (float) Math.min(1, Math.max(0, level + 0.2 * random.nextGaussian()));
            }
            images.add(Image.grey(16, 16, samples));
        }
        return images;
    }

    private static RetrievalPipeline pipeline(int count) {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(FeatureExtractor.intensityHistogram(16))
                .reducer(Reducer.zScore()).threads(1).build();
        List<Image> images = images(count, SEED);
        Map<String, Image> named = new LinkedHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            named.put("image-" + i + ".png", images.get(i));
        }
        pipeline.fit(ImageCollection.fromImages(named));
        for (int i = 0; i < images.size(); i++) {
            pipeline.add(images.get(i), "image-" + i + ".png", i % 3 == 0 ? "a" : "b");
        }
        return pipeline;
    }

    private static List<QueryResult> answers(RetrievalPipeline pipeline) {
        List<QueryResult> answers = new ArrayList<>();
        for (Image query : images(5, SEED + 1)) {
            answers.add(pipeline.query(query, 7));
        }
        return answers;
    }

    @Test
    void aPipelineSavedToAnotherStorageLoadsAndAnswersIdentically() throws IOException {
        MemoryDirectory store = MemoryDirectory.named("answers");
        try (RetrievalPipeline saved = pipeline(40)) {
            saved.save(store);
            List<QueryResult> expected = answers(saved);
            try (RetrievalPipeline heap = RetrievalPipeline.load(store, LoadOptions.defaults().withThreads(1));
                    RetrievalPipeline mapped = RetrievalPipeline.load(store,
                            LoadOptions.defaults().withThreads(1).withMappedIndexFiles(true))) {
                assertEquals(40, heap.size());
                assertEquals(expected, answers(heap));
                assertEquals(expected, answers(mapped), "without local files the vectors are read onto the heap");
            }
        }
        assertTrue(store.list().containsAll(List.of("index", "manifest.txt", "records.bin", "reducer")), store.list().toString());
    }

    @Test
    void aDamagedOrMissingFileIsRefusedNamingIt() throws IOException {
        MemoryDirectory store = MemoryDirectory.named("damaged");
        try (RetrievalPipeline saved = pipeline(20)) {
            saved.save(store);
        }
        byte[] vectors = store.bytes("index/vectors.bin");
        byte[] altered = vectors.clone();
        altered[altered.length / 2] ^= 0x10;
        store.put("index/vectors.bin", altered);
        CorruptFileException corrupt = assertThrows(CorruptFileException.class, () -> RetrievalPipeline.load(store,
                LoadOptions.defaults()).close());
        assertTrue(corrupt.getMessage().contains(Path.of("mem:", "damaged", "index", "vectors.bin").toString()),
                corrupt.getMessage());
        store.put("index/vectors.bin", vectors);
        String reducerFile = store.directory("reducer").list().get(0);
        store.delete("reducer/" + reducerFile);
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> RetrievalPipeline.load(store,
                LoadOptions.defaults()).close());
        assertTrue(missing.getMessage().contains(reducerFile), missing.getMessage());
    }

    @Test
    void aSaveThatFailsHalfWayLeavesThePreviousStore() throws IOException {
        MemoryDirectory store = MemoryDirectory.named("kept");
        try (RetrievalPipeline first = pipeline(12)) {
            first.save(store);
        }
        IOException failure = assertThrows(IOException.class, () -> {
            try (RetrievalPipeline second = pipeline(30)) {
                second.save(new FailingOn("records.bin", store));
            }
        });
        assertTrue(String.valueOf(failure.getMessage()).contains("records.bin"), failure.getMessage());
        try (RetrievalPipeline loaded = RetrievalPipeline.load(store, LoadOptions.defaults())) {
            assertEquals(12, loaded.size(), "the store is the first save, whole");
        }
        assertFalse(store.list().isEmpty());
    }

    /** {@code delegate}, except that a publish fails when the writer creates the file {@code name}. */
    private record FailingOn(String name, StoreDirectory delegate) implements StoreDirectory {
        @Override
        public Path location(String file) {
            return delegate.location(file);
        }

        @Override
        public List<String> list() throws IOException {
            return delegate.list();
        }

        @Override
        public OutputStream create(String file) throws IOException {
            if (file.equals(name)) {
                throw new IOException(location(file) + ": the disk is full");
            }
            return delegate.create(file);
        }

        @Override
        public SeekableByteChannel open(String file) throws IOException {
            return delegate.open(file);
        }

        @Override
        public StoreDirectory directory(String file) {
            return new FailingOn(name, delegate.directory(file));
        }

        @Override
        public void publish(ReplaceCheck check, Writer writer) throws IOException {
            delegate.publish(check, staging -> writer.write(new FailingOn(name, staging)));
        }
    }
}
