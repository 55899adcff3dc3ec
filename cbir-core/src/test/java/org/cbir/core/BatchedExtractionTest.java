package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cbir.core.TestComponents.RowMeans;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline hands a {@link BatchedFeatureExtractor} whole batches and skips only unusable images. */
class BatchedExtractionTest {

    /** {@link RowMeans} that records the size of every call, one image per call for {@code extract}. */
    private static final class CountingRowMeans implements BatchedFeatureExtractor {
        private final RowMeans means = new RowMeans(2);
        private final List<Integer> calls = new CopyOnWriteArrayList<>();

        @Override
        public ComponentSpec spec() {
            return means.spec();
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public float[] extract(Image image) {
            calls.add(1);
            return means.extract(image);
        }

        @Override
        public List<float[]> extractAll(List<Image> images) {
            calls.add(images.size());
            List<float[]> out = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                try {
                    out.add(means.extract(images.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("image " + i + ": " + e.getMessage(), e);
                }
            }
            return out;
        }
    }

    private static ImageEntry entry(int i) {
        return new ImageEntry.InMemory("img" + i, i % 2 == 0 ? "even" : "odd", Image.grey(1, 2, new float[] {i / 10f, 0.5f}));
    }

    @Test
    void everyBatchIsExtractedInOneCallWithTheSameSignaturesAsOneByOne() {
        CountingRowMeans batched = new CountingRowMeans();
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(batched).threads(2).batchSize(4).build();
        List<ImageEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(entry(i));
        }
        assertEquals(10, pipeline.addAll(ImageCollection.of(entries)).added());
        assertEquals(List.of(4, 4, 2), batched.calls);
        for (int i = 0; i < 10; i++) {
            Image image = ((ImageEntry.InMemory) entries.get(i)).image();
            assertArrayEquals(new RowMeans(2).extract(image), pipeline.storedSignature(i).orElseThrow());
        }
        batched.calls.clear();
        List<Image> queries = List.of(Image.grey(1, 2, new float[] {0.3f, 0.5f}), Image.grey(1, 2, new float[] {0.6f, 0.5f}));
        List<QueryResult> results = pipeline.queryAll(queries, 1);
        assertEquals(List.of(2), batched.calls);
        assertEquals("img3", results.get(0).matches().get(0).path());
        assertEquals("img6", results.get(1).matches().get(0).path());
    }

    @Test
    void anUnusableImageInABatchIsSkippedAndTheRestIndexed(@TempDir Path dir) throws IOException {
        Path corrupt = Files.write(dir.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        List<ImageEntry> entries = new ArrayList<>(List.of(entry(0), entry(1)));
        entries.add(new ImageEntry.File(corrupt, "odd"));
        entries.add(new ImageEntry.InMemory("one-row", "even", Image.grey(3, 1, new float[] {1, 1, 1})));
        entries.add(entry(4));
        CountingRowMeans batched = new CountingRowMeans();
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(batched).threads(2).batchSize(8).build();
        IndexingReport report = pipeline.addAll(ImageCollection.of(entries));
        assertEquals(3, report.added());
        assertEquals(List.of(corrupt.toString(), "one-row"),
                report.skipped().stream().map(IndexingReport.SkippedImage::path).toList());
        assertTrue(report.skipped().get(1).reason().contains("needs at least 2 rows"), report.skipped().get(1).reason());
        // One batched call of the four decoded images is refused, then each is extracted alone.
        assertEquals(List.of(4, 1, 1, 1, 1), batched.calls);
    }
}
