package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.cbir.core.TestComponents.Centre;
import org.cbir.core.TestComponents.TrainedOffset;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an engine that extracts elsewhere needs of a pipeline: an empty copy, saved and loaded,
 * computes the same signatures (trained extractor and fitted reducer included), and signatures
 * added under their ids answer queries as the pipeline that extracted them.
 */
class SignatureTransferTest {

    private static ImageCollection images() {
        return ImageCollection.of(List.of(entry("up1", "up", 0.9f, 0.1f), entry("up2", "up", 0.8f, 0.1f),
                entry("down1", "down", 0.1f, 0.9f), entry("down2", "down", 0.2f, 0.8f), entry("mid", null, 0.5f, 0.4f)));
    }

    private static ImageEntry entry(String name, String label, float a, float b) {
        return new ImageEntry.InMemory(name, label, Image.grey(1, 2, new float[] {a, b}));
    }

    private static RetrievalPipeline fitted() {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new TrainedOffset(0)).reducer(new Centre())
                .threads(2).build();
        pipeline.fit(images());
        return pipeline;
    }

    @Test
    void savedEmptyCopyComputesTheSameSignatures(@TempDir Path dir) throws IOException {
        RetrievalPipeline original = fitted();
        original.addAll(images());
        RetrievalPipeline copy = original.emptyCopy();
        assertEquals(0, copy.size());
        assertEquals(5, original.size());
        copy.save(dir.resolve("empty.cbir"));
        RetrievalPipeline loaded = RetrievalPipeline.load(dir.resolve("empty.cbir"));
        assertEquals(original.describe(), loaded.describe());
        List<Image> all = images().entries().stream().map(e -> ((ImageEntry.InMemory) e).image()).toList();
        List<float[]> batch = loaded.signatures(all);
        for (int i = 0; i < all.size(); i++) {
            assertArrayEquals(original.signature(all.get(i)), loaded.signature(all.get(i)));
            assertArrayEquals(original.signature(all.get(i)), batch.get(i));
        }
    }

    @Test
    void signaturesAddedUnderTheirIdsAnswerAsTheExtractingPipeline() {
        RetrievalPipeline original = fitted();
        original.addAll(images());
        RetrievalPipeline served = original.emptyCopy();
        for (long id = 4; id >= 0; id--) {
            ImageRecord r = original.record(id).orElseThrow();
            served.addSignature(id, r.path(), r.label(), original.storedSignature(id).orElseThrow());
        }
        Image query = Image.grey(1, 2, new float[] {0.7f, 0.3f});
        assertEquals(original.query(query, 5), served.query(query, 5));
        assertEquals(5, served.add(query, "new", null), "the next id follows the largest added");
    }

    @Test
    void addSignatureRefusesTakenIdsWrongLengthsAndUnfittedPipelines() {
        RetrievalPipeline pipeline = fitted();
        pipeline.addSignature(3, "a", "up", new float[] {0.1f, 0.2f});
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> pipeline.addSignature(3, "b", "up", new float[] {0.2f, 0.1f}));
        assertTrue(taken.getMessage().contains("already taken by a"), taken.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> pipeline.addSignature(4, "c", "up", new float[] {0.1f}));
        assertTrue(length.getMessage().contains("the signature of c"), length.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pipeline.addSignature(-1, "d", null, new float[] {0f, 0f}));
        RetrievalPipeline unfitted = RetrievalPipeline.builder().extractor(new TrainedOffset(0)).build();
        assertThrows(IllegalStateException.class, () -> unfitted.addSignature(0, "e", null, new float[] {0f, 0f}));
        assertThrows(IllegalStateException.class,
                () -> unfitted.emptyCopy().addSignature(0, "e", null, new float[] {0f, 0f}));
    }
}
