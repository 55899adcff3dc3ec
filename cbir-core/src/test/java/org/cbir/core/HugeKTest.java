package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;

/** Issue 13, item 6: a k far beyond the collection asks for what there is, never for k slots. */
class HugeKTest {
    @Test
    void kIsCappedAtTheNumberOfImages() {
        RetrievalPipeline pipeline = SaveOverExistingTest.twoImages();
        Image query = Image.grey(1, 2, new float[] {1, 0});
        assertEquals(2, pipeline.query(query, Integer.MAX_VALUE).matches().size());
        float[] signature = pipeline.signature(query);
        assertEquals(1, pipeline.queryBySignature(signature, Integer.MAX_VALUE, 0L).matches().size());
        assertEquals(2, pipeline.queryAll(java.util.List.of(query), 2_000_000_000).get(0).matches().size());
    }
}
