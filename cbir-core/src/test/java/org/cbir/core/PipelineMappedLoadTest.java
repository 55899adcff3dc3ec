package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cbir.core.TestComponents.RowMeans;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RetrievalPipeline#load(Path, RetrievalPipeline.Builder)} with
 * {@link LoadOptions#withMappedIndexFiles(boolean)}: a saved pipeline loaded with its exact
 * index memory-mapped answers exactly as the pipeline that was saved and as a heap load, also
 * after removals and additions; and it does read the vectors in place from the file.
 */
class PipelineMappedLoadTest {
    private static final int ROWS = 5;

    @TempDir
    Path dir;

    @Test
    void aMappedLoadAnswersAsTheSavedPipelineAndAHeapLoad() throws IOException {
        Random random = new Random(17);
        List<ImageEntry> entries = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            entries.add(new ImageEntry.InMemory("img" + i, "label" + (i % 3), randomImage(random)));
        }
        RetrievalPipeline original = RetrievalPipeline.builder().extractor(new RowMeans(ROWS)).build();
        original.addAll(ImageCollection.of(entries));
        Path saved = dir.resolve("mapped.cbir");
        original.save(saved);

        RetrievalPipeline heap = RetrievalPipeline.load(saved);
        RetrievalPipeline mapped = RetrievalPipeline.load(saved, LoadOptions.defaults().withMappedIndexFiles(true));
        List<Image> queries = new ArrayList<>();
        for (int q = 0; q < 12; q++) {
            queries.add(randomImage(random));
        }
        for (Image query : queries) {
            QueryResult expected = original.query(query, 15);
            assertEquals(expected, heap.query(query, 15));
            assertEquals(expected, mapped.query(query, 15));
        }
        assertEquals(original.queryAll(queries, 7), mapped.queryAll(queries, 7));

        // removals mark mapped rows dead, additions go to the heap: still the same answers
        for (RetrievalPipeline p : List.of(original, mapped)) {
            for (long id = 0; id < 400; id += 7) {
                p.remove(id);
            }
            Random same = new Random(99);
            for (int i = 0; i < 20; i++) {
                p.add(randomImage(same), "extra" + i, "label0");
            }
        }
        for (Image query : queries) {
            assertEquals(original.query(query, 30), mapped.query(query, 30));
        }
    }

    @Test
    void aMappedLoadReadsTheVectorsInPlace() throws IOException {
        Random random = new Random(3);
        List<ImageEntry> entries = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            entries.add(new ImageEntry.InMemory("img" + i, "x", randomImage(random)));
        }
        RetrievalPipeline original = RetrievalPipeline.builder().extractor(new RowMeans(ROWS)).build();
        original.addAll(ImageCollection.of(entries));
        Path saved = dir.resolve("inplace.cbir");
        original.save(saved);
        RetrievalPipeline heap = RetrievalPipeline.load(saved);
        RetrievalPipeline mapped = RetrievalPipeline.load(saved, LoadOptions.defaults().withMappedIndexFiles(true));
        long last = 49;
        float[] before = mapped.storedSignature(last).orElseThrow();

        // overwrite the last vector in place (never done to a live index: here it shows the mapping)
        Path vectors = saved.resolve("index").resolve("vectors.bin");
        try (FileChannel channel = FileChannel.open(vectors, StandardOpenOption.WRITE)) {
            long position = channel.size() - ChecksummedFiles.FOOTER_LENGTH - (long) Float.BYTES * ROWS;
            channel.write(ByteBuffer.allocate(Float.BYTES * ROWS), position);
        }
        assertArrayEquals(before, heap.storedSignature(last).orElseThrow());
        assertArrayEquals(new float[ROWS], mapped.storedSignature(last).orElseThrow());
        assertFalse(java.util.Arrays.equals(before, new float[ROWS]));
    }

    private static Image randomImage(Random random) {
        float[] pixels = new float[4 * ROWS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        return Image.grey(4, ROWS, pixels);
    }
}
