package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;

/** Issue 13, item 9: NaN or infinite signatures are refused, naming the extractor and the image. */
class NonFiniteSignatureTest {
    /** Returns the first pixel and its logarithm: NaN for a negative pixel, -infinity for zero. */
    record LogPixel() implements FeatureExtractor {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("log-pixel");
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public float[] extract(Image image) {
            float v = image.greyIntensities()[0];
            return new float[] {v, (float) Math.log(v)};
        }
    }

    private static ImageEntry pixel(String name, float value) {
        return new ImageEntry.InMemory(name, "l", Image.grey(1, 1, new float[] {value}));
    }

    @Test
    void skippedAndReportedThenRefusedInStrictModeAndInQueries() {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new LogPixel()).threads(1).build();
        IndexingReport report = pipeline.addAll(ImageCollection.of(List.of(pixel("good", 2), pixel("zero", 0),
                pixel("negative", -1), pixel("also-good", 3))));
        assertEquals(2, report.added());
        assertEquals(List.of("zero", "negative"), report.skipped().stream().map(IndexingReport.SkippedImage::path).toList());
        for (IndexingReport.SkippedImage s : report.skipped()) {
            assertTrue(s.reason().contains("log-pixel") && s.reason().contains("non-finite"), s.reason());
        }
        IllegalArgumentException query = assertThrows(IllegalArgumentException.class,
                () -> pipeline.query(pixel("q", 0).load(), 1));
        assertTrue(query.getMessage().contains("log-pixel") && query.getMessage().contains("-Infinity"), query.getMessage());
        IllegalArgumentException add = assertThrows(IllegalArgumentException.class,
                () -> pipeline.add(pixel("q", -5).load(), "bad.png", null));
        assertTrue(add.getMessage().startsWith("bad.png: ") && add.getMessage().contains("NaN"), add.getMessage());
        assertEquals(2, pipeline.size());

        RetrievalPipeline strict = RetrievalPipeline.builder().extractor(new LogPixel()).strict(true).build();
        IndexingException e = assertThrows(IndexingException.class,
                () -> strict.addAll(ImageCollection.of(List.of(pixel("good", 2), pixel("zero", 0)))));
        assertTrue(e.getMessage().contains("zero") && e.getMessage().contains("log-pixel"), e.getMessage());
    }
}
