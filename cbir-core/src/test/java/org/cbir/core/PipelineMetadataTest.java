package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.cbir.core.TestComponents.RowMeans;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's metadata travels from the CSV to the store, its file and every match, and filters queries. */
class PipelineMetadataTest {
    @TempDir
    Path dir;

    private static Image rows(float a, float b) {
        return Image.grey(1, 2, new float[] {a, b});
    }

    /** Six images: runs 1 and 2, labels up and down; closeness to (1, 0) falls with the index. */
    private static RetrievalPipeline sixImages() {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new RowMeans(2)).threads(1).build();
        for (int i = 0; i < 6; i++) {
            String label = i < 3 ? "up" : "down";
            Map<String, String> meta = Map.of("run", String.valueOf(1 + i % 2), "sample", "s" + i);
            pipeline.add(rows(1f, 0.15f * i), "img" + i, label, meta);
        }
        return pipeline;
    }

    @Test
    void matchesCarryMetadataAndFiltersSelectOnLabelAndMetadata() {
        RetrievalPipeline pipeline = sixImages();
        QueryResult all = pipeline.query(rows(1f, 0f), 6);
        assertEquals(List.of("img0", "img1", "img2", "img3", "img4", "img5"), paths(all));
        assertEquals(Map.of("run", "1", "sample", "s0"), all.matches().get(0).metadata());

        QueryResult run2 = pipeline.query(rows(1f, 0f), 6, RecordFilter.where("run", "2"));
        assertEquals(List.of("img1", "img3", "img5"), paths(run2));
        assertEquals(List.of(1, 2, 3), run2.matches().stream().map(Match::rank).toList());
        // distances are the unfiltered ones of the same images
        assertEquals(all.matches().get(3).distance(), run2.matches().get(1).distance(), 0);

        QueryResult upRun2 = pipeline.query(rows(1f, 0f), 2, RecordFilter.label("up").and("run", "2"));
        assertEquals(List.of("img1"), paths(upRun2));
        assertTrue(pipeline.query(rows(1f, 0f), 3, RecordFilter.where("run", "3")).matches().isEmpty());

        QueryResult bySignature = pipeline.queryBySignature(pipeline.storedSignature(0).orElseThrow(), 2, 0L,
                RecordFilter.where("run", "1"));
        assertEquals(List.of("img2", "img4"), paths(bySignature));
    }

    @Test
    void metadataSurvivesSaveAndLoad() throws IOException {
        RetrievalPipeline pipeline = sixImages();
        Path store = dir.resolve("meta.cbir");
        pipeline.save(store);
        RetrievalPipeline loaded = RetrievalPipeline.load(store);
        assertEquals(pipeline.record(4), loaded.record(4));
        assertEquals(Map.of("run", "1", "sample", "s4"), loaded.record(4).orElseThrow().metadata());
        assertEquals(paths(pipeline.query(rows(1f, 0f), 3, RecordFilter.where("run", "1"))),
                paths(loaded.query(rows(1f, 0f), 3, RecordFilter.where("run", "1"))));
    }

    @Test
    void csvColumnsBecomeMetadataOfTheIndexedImages() throws IOException {
        writeRows(255, 0, dir.resolve("a.png"));
        writeRows(0, 255, dir.resolve("b.png"));
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "path,label,id,run,date\na.png,bcc,A-1,42,2024-05-01\nb.png,fcc,B-2,43\n");
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new RowMeans(2)).threads(1).build();
        pipeline.addAll(ImageCollection.fromCsv(csv));
        QueryResult result = pipeline.query(rows(1f, 0.1f), 2, RecordFilter.where("run", "43"));
        assertEquals(1, result.matches().size());
        Match b = result.matches().get(0);
        assertEquals("fcc", b.label());
        assertEquals(Map.of("id", "B-2", "run", "43"), b.metadata());
        assertEquals(Map.of("date", "2024-05-01", "id", "A-1", "run", "42"),
                pipeline.query(rows(1f, 0f), 1).matches().get(0).metadata());
    }

    @Test
    void withIndexCopiesSignaturesAndRecordsIntoANewIndexAndLeavesTheOriginal() throws IOException {
        RetrievalPipeline pipeline = sixImages();
        List<Long> progress = new java.util.ArrayList<>();
        RetrievalPipeline copy = pipeline.withIndex(IndexFactory.exact(), (stage, done, total) -> progress.add(done));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), progress);
        assertEquals(pipeline.records().size(), copy.size());
        assertEquals(pipeline.record(3), copy.record(3));
        assertEquals(pipeline.query(rows(1f, 0f), 6, RecordFilter.where("run", "2")),
                copy.query(rows(1f, 0f), 6, RecordFilter.where("run", "2")));
        copy.remove(0);
        assertEquals(6, pipeline.size(), "the original is unchanged");
        long next = copy.add(rows(0f, 1f), "new", null);
        assertEquals(6, next, "the copy continues the original's ids");
    }

    /** A 1x2 8-bit grey PNG with rows of intensity a and b. */
    private static void writeRows(int a, int b, Path file) throws IOException {
        BufferedImage image = new BufferedImage(1, 2, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, a);
        image.getRaster().setSample(0, 1, 0, b);
        ImageIO.write(image, "png", file.toFile());
    }

    private static List<String> paths(QueryResult result) {
        return result.matches().stream().map(Match::path).toList();
    }

}
