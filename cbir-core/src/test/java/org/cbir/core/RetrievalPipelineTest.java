package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cbir.core.TestComponents.Centre;
import org.cbir.core.TestComponents.RowMeans;
import org.cbir.core.TestComponents.TrainedOffset;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalPipelineTest {

    /** A 1x2 grey image whose two rows have intensities a and b (0..1). */
    private static Image rows(float a, float b) {
        return Image.grey(1, 2, new float[] {a, b});
    }

    private static ImageEntry entry(String name, String label, float a, float b) {
        return new ImageEntry.InMemory(name, label, rows(a, b));
    }

    /** Three "up" images (bright top row) and three "down" images (bright bottom row). */
    private static ImageCollection upsAndDowns() {
        return ImageCollection.of(List.of(
                entry("up1", "up", 0.9f, 0.1f), entry("up2", "up", 0.8f, 0.1f), entry("up3", "up", 0.7f, 0.2f),
                entry("down1", "down", 0.1f, 0.9f), entry("down2", "down", 0.2f, 0.8f), entry("down3", "down", 0.1f, 0.6f)));
    }

    private static RetrievalPipeline pipeline() {
        return RetrievalPipeline.builder().extractor(new RowMeans(2)).threads(2).batchSize(4).build();
    }

    @Test
    void queryReturnsTheCosineNearestWithTheirLabelsAndVote() {
        RetrievalPipeline pipeline = pipeline();
        IndexingReport report = pipeline.addAll(upsAndDowns());
        assertEquals(6, report.added());
        QueryResult result = pipeline.query(rows(0.9f, 0.1f), 3);
        assertEquals(List.of("up1", "up2", "up3"), result.matches().stream().map(Match::path).toList());
        assertEquals(List.of(1, 2, 3), result.matches().stream().map(Match::rank).toList());
        assertEquals(0.0, result.matches().get(0).distance(), 1e-7);
        assertEquals(new Prediction("up", 1.0, 3), result.prediction().orElseThrow());
        // cosine distance of (0.9, 0.1) and (0.7, 0.2), by hand
        double cos = (0.9 * 0.7 + 0.1 * 0.2) / (Math.hypot(0.9, 0.1) * Math.hypot(0.7, 0.2));
        assertEquals(1 - cos, result.matches().get(2).distance(), 1e-6);
    }

    @Test
    void queryBySignatureLeavesOutTheExcludedImageAndStillReturnsK() {
        RetrievalPipeline pipeline = pipeline();
        pipeline.addAll(upsAndDowns());
        float[] signature = pipeline.storedSignature(1).orElseThrow(); // up2
        List<Match> all = pipeline.queryBySignature(signature, 6, null).matches();
        assertEquals(6, all.size());
        for (int k = 1; k <= 6; k++) {
            for (long excluded : new long[] {1, 4, 99}) {
                List<Match> expected = new ArrayList<>();
                for (Match m : all) {
                    if (m.id() != excluded && expected.size() < k) {
                        expected.add(new Match(expected.size() + 1, m.id(), m.path(), m.label(), m.distance(),
                                m.metadata()));
                    }
                }
                assertEquals(expected, pipeline.queryBySignature(signature, k, excluded).matches(),
                        "k=" + k + ", excluded " + excluded);
            }
        }
    }

    @Test
    void idsFollowCollectionOrderAndRecordsKeepNamesAndLabels() {
        RetrievalPipeline pipeline = pipeline();
        pipeline.addAll(upsAndDowns());
        assertEquals(new ImageRecord(0, "up1", "up"), pipeline.record(0).orElseThrow());
        assertEquals(new ImageRecord(5, "down3", "down"), pipeline.record(5).orElseThrow());
        assertEquals(6, pipeline.size());
    }

    @Test
    void predictionTieGoesToTheBestRankedLabel() {
        RetrievalPipeline pipeline = pipeline();
        pipeline.addAll(upsAndDowns());
        QueryResult result = pipeline.query(rows(0.5f, 0.5f), 2);
        Prediction p = result.prediction().orElseThrow();
        assertEquals(result.matches().get(0).label(), p.label());
        assertEquals(0.5, p.confidence(), 0);
    }

    @Test
    void unlabelledCollectionsGiveNoPrediction() {
        RetrievalPipeline pipeline = pipeline();
        pipeline.addAll(ImageCollection.of(List.of(entry("a", null, 1, 0), entry("b", null, 0, 1))));
        assertTrue(pipeline.query(rows(1, 0), 2).prediction().isEmpty());
    }

    @Test
    void addAndRemoveSingleImages() {
        RetrievalPipeline pipeline = pipeline();
        pipeline.addAll(upsAndDowns());
        long id = pipeline.add(rows(0.5f, 0.5f), "middle", "mid");
        assertEquals("middle", pipeline.query(rows(0.5f, 0.5f), 1).best().orElseThrow().path());
        assertTrue(pipeline.remove(id));
        assertFalse(pipeline.remove(id));
        assertEquals(6, pipeline.size());
        assertFalse(pipeline.query(rows(0.5f, 0.5f), 6).matches().stream().anyMatch(m -> m.id() == id));
    }

    @Test
    void indexViewReadsTheStoredSignaturesButCannotChangeThem() {
        RetrievalPipeline pipeline = pipeline();
        assertTrue(pipeline.index().isEmpty());
        pipeline.addAll(upsAndDowns());
        IndexView view = pipeline.index().orElseThrow();
        assertFalse(view instanceof Index, "the view must not be cast back to the index");
        assertEquals(6, view.size());
        assertEquals(2, view.dimension());
        // RowMeans stores the row intensities: up2 is (0.8, 0.1)
        assertArrayEquals(new float[] {0.8f, 0.1f}, view.vector(1).orElseThrow(), 0);
        assertEquals(List.of(0L, 1L), view.search(new float[] {0.9f, 0.1f}, 2).stream().map(Neighbor::id).toList());
        // the view reads the index as it is: a later removal shows
        pipeline.remove(1);
        assertFalse(view.contains(1));
        assertEquals(5, view.size());
    }

    @Test
    void batchQueriesEqualSingleQueries() {
        RetrievalPipeline pipeline = pipeline();
        pipeline.addAll(upsAndDowns());
        List<Image> queries = List.of(rows(0.9f, 0.2f), rows(0.3f, 0.6f), rows(0.5f, 0.5f));
        List<QueryResult> batch = pipeline.queryAll(queries, 4);
        for (int i = 0; i < queries.size(); i++) {
            assertEquals(pipeline.query(queries.get(i), 4), batch.get(i));
        }
    }

    @Test
    void unreadableAndUnusableImagesAreSkippedCountedAndReported(@TempDir Path dir) throws IOException {
        Path corrupt = Files.write(dir.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path missing = dir.resolve("missing.png");
        List<ImageEntry> entries = new ArrayList<>(upsAndDowns().entries());
        entries.add(2, new ImageEntry.File(corrupt, "up"));
        entries.add(new ImageEntry.File(missing, "down"));
        entries.add(new ImageEntry.InMemory("one-row", "up", Image.grey(3, 1, new float[] {1, 1, 1})));
        RetrievalPipeline pipeline = pipeline();
        IndexingReport report = pipeline.addAll(ImageCollection.of(entries));
        assertEquals(6, report.added());
        assertEquals(3, report.skippedCount());
        assertEquals(List.of(corrupt.toString(), missing.toString(), "one-row"),
                report.skipped().stream().map(IndexingReport.SkippedImage::path).toList());
        assertEquals("no such file", report.skipped().get(1).reason());
        assertTrue(report.skipped().get(2).reason().contains("needs at least 2 rows"), report.skipped().get(2).reason());
        assertEquals(6, pipeline.size());
    }

    @Test
    void strictModeStopsAtTheFirstBadImageAndNamesIt(@TempDir Path dir) throws IOException {
        Path corrupt = Files.write(dir.resolve("corrupt.tif"), new byte[] {'I', 'I', 42, 0, 9});
        List<ImageEntry> entries = new ArrayList<>(upsAndDowns().entries());
        entries.add(1, new ImageEntry.File(corrupt, "up"));
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new RowMeans(2)).strict(true).build();
        IndexingException e = assertThrows(IndexingException.class, () -> pipeline.addAll(ImageCollection.of(entries)));
        assertEquals(corrupt.toString(), e.path());
        assertTrue(e.getMessage().contains(corrupt.toString()));
    }

    @Test
    void progressIsReportedPerBatchUpToTheTotal() {
        List<Long> done = new CopyOnWriteArrayList<>();
        pipeline().addAll(upsAndDowns(), (stage, d, total) -> {
            assertEquals(6, total);
            done.add(d);
        });
        assertEquals(List.of(0L, 4L, 6L), done);
    }

    @Test
    void badArgumentsGetClearErrors() {
        RetrievalPipeline pipeline = pipeline();
        IllegalStateException empty = assertThrows(IllegalStateException.class, () -> pipeline.query(rows(1, 0), 3));
        assertTrue(empty.getMessage().contains("holds no images"));
        IllegalArgumentException noImages = assertThrows(IllegalArgumentException.class,
                () -> pipeline.addAll(ImageCollection.of(List.of())));
        assertTrue(noImages.getMessage().contains("empty"));
        pipeline.addAll(upsAndDowns());
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> pipeline.query(rows(1, 0), 0));
        assertEquals("k must be at least 1, got 0", k.getMessage());
        assertThrows(IllegalStateException.class, () -> RetrievalPipeline.builder().build());
        assertThrows(IllegalArgumentException.class,
                () -> RetrievalPipeline.builder().extractor(new RowMeans(2)).threads(0).build());
    }

    @Test
    void reducerMustBeFittedBeforeIndexingAndIsThenApplied() {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new RowMeans(2)).reducer(new Centre()).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pipeline.addAll(upsAndDowns()));
        assertTrue(e.getMessage().contains("call fit"), e.getMessage());
        ImageCollection training = ImageCollection.of(List.of(entry("a", null, 0.2f, 0.4f), entry("b", null, 0.4f, 0.6f)));
        pipeline.fit(training);
        assertArrayEquals(new float[] {0.6f, -0.4f}, pipeline.signature(rows(0.9f, 0.1f)), 1e-6f);
        pipeline.addAll(upsAndDowns());
        assertThrows(IllegalStateException.class, () -> pipeline.fit(training), "refitting a filled pipeline");
    }

    @Test
    void trainableExtractorIsReplacedByItsTrainedVersion() {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new TrainedOffset(0)).build();
        assertThrows(IllegalStateException.class, () -> pipeline.add(rows(1, 0), "x", null));
        pipeline.fit(upsAndDowns());
        assertEquals(new TrainedOffset(6), pipeline.extractor());
    }

    @Test
    void saveAndLoadKeepEveryPartAndAnswerIdentically(@TempDir Path dir) throws IOException {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new TrainedOffset(0)).reducer(new Centre()).build();
        pipeline.fit(upsAndDowns());
        pipeline.addAll(upsAndDowns());
        pipeline.remove(2);
        Path saved = dir.resolve("p.cbir");
        pipeline.save(saved);
        pipeline.save(saved);
        RetrievalPipeline loaded = RetrievalPipeline.load(saved);
        assertEquals(pipeline.describe(), loaded.describe());
        assertEquals(new TrainedOffset(6), loaded.extractor());
        assertEquals(5, loaded.size());
        Image query = rows(0.8f, 0.3f);
        assertEquals(pipeline.query(query, 5), loaded.query(query, 5));
        long id = loaded.add(rows(0.5f, 0.5f), "new", null);
        assertEquals(6, id, "ids continue after the saved ones");
    }
}
