package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.cbir.core.TestComponents.RowMeans;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 5: while one thread adds and removes the query's own image over and over,
 * every query still returns exactly k matches, because each change reaches the index and the
 * records together.
 */
class ConcurrentChangesTest {
    private static final int QUERIES = 20_000;

    @Test
    void queriesDuringAddsAndRemovesAlwaysReturnKMatches() throws InterruptedException {
        List<ImageEntry> base = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            base.add(new ImageEntry.InMemory("base" + i, "b", Image.grey(1, 2, new float[] {1 + i, 40 - i})));
        }
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new RowMeans(2)).threads(1).build();
        pipeline.addAll(ImageCollection.of(base));
        Image query = Image.grey(1, 2, new float[] {7, 3});
        float[] signature = pipeline.signature(query);

        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger changes = new AtomicInteger();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                while (!done.get()) {
                    long id = pipeline.add(query, "moving", "m");
                    pipeline.remove(id);
                    changes.incrementAndGet();
                }
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        });
        writer.start();
        int shortOnes = 0;
        try {
            for (int i = 0; i < QUERIES; i++) {
                int k = 1 + (i % 3) * 10; // 1, 11, 21: one more than the base holds, when the moving image is in
                int found = pipeline.queryBySignature(signature, k, null).matches().size();
                if (found < Math.min(k, base.size())) {
                    shortOnes++;
                }
            }
        } finally {
            done.set(true);
            writer.join();
        }
        assertEquals(null, writerFailure.get());
        assertEquals(0, shortOnes, "queries with fewer matches than k, during " + changes.get() + " adds and removes");
    }
}
