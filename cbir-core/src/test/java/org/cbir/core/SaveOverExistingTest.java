package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cbir.core.TestComponents.RowMeans;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, items 1 and 4: a save replaces only an earlier store or an empty directory, never with nothing. */
class SaveOverExistingTest {
    @TempDir
    Path dir;

    static RetrievalPipeline twoImages() {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new RowMeans(2)).threads(1).build();
        pipeline.addAll(ImageCollection.of(List.of(
                new ImageEntry.InMemory("a", "x", Image.grey(1, 2, new float[] {1, 0})),
                new ImageEntry.InMemory("b", "y", Image.grey(1, 2, new float[] {0, 1})))));
        return pipeline;
    }

    @Test
    void aFolderOfUserFilesIsNeverReplaced() throws IOException {
        Path photos = Files.createDirectory(dir.resolve("photos"));
        Files.writeString(photos.resolve("holiday.png"), "not really a png");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> twoImages().save(photos));
        assertEquals(photos.toString(), e.getFile());
        assertTrue(e.getMessage().contains("not a saved cbir store"), e.getMessage());
        assertEquals("not really a png", Files.readString(photos.resolve("holiday.png")));
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(photos), entries.filter(p -> !p.getFileName().toString().endsWith(".lock")).toList());
        }
    }

    @Test
    void theEmptyPathIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> twoImages().save(Path.of("")));
        assertTrue(e.getMessage().contains("empty path"), e.getMessage());
    }

    @Test
    void aFolderWithAnotherManifestIsNotAStore() throws IOException {
        Path other = Files.createDirectory(dir.resolve("other"));
        Files.writeString(other.resolve("manifest.txt"), "a shipping manifest\n");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> twoImages().save(other));
        assertTrue(e.getMessage().contains("damaged store"), e.getMessage());
        assertEquals("a shipping manifest\n", Files.readString(other.resolve("manifest.txt")));
    }

    @Test
    void anEmptyDirectoryAndAnEarlierStoreAreReplaced() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        twoImages().save(empty);
        twoImages().save(empty);
        assertEquals(2, RetrievalPipeline.load(empty).size());
    }

    @Test
    void anEmptyPipelineDoesNotReplaceAGoodStoreUnasked() throws IOException {
        Path store = dir.resolve("good.cbir");
        twoImages().save(store);
        RetrievalPipeline empty = RetrievalPipeline.builder().extractor(new RowMeans(2)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> empty.save(store));
        assertTrue(e.getMessage().contains("2 images") && e.getMessage().contains(store.toString()), e.getMessage());
        assertEquals(2, RetrievalPipeline.load(store).size());
        empty.save(store, RetrievalPipeline.SaveOption.REPLACE_WITH_EMPTY);
        assertEquals(0, RetrievalPipeline.load(store).size());
    }
}
