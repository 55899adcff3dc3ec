package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.cbir.core.TestComponents.RowMeans;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.FormatVersionException;
import org.cbir.core.io.InvalidFileException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, item 2: the files of two saves never mix, even when both stores have the same shape. */
class MixedSavesTest {
    @TempDir
    Path dir;
    private Path first;
    private Path reordered;

    private static List<ImageEntry> images() {
        List<ImageEntry> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            entries.add(new ImageEntry.InMemory("img" + i, "l" + (i % 2), Image.grey(1, 2, new float[] {i, 6 - i})));
        }
        return entries;
    }

    private static Path save(Path target, List<ImageEntry> entries) throws IOException {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new RowMeans(2)).threads(1).build();
        pipeline.addAll(ImageCollection.of(entries));
        pipeline.save(target);
        return target;
    }

    @BeforeEach
    void saveTheSameImagesInTwoOrders() throws IOException {
        first = save(dir.resolve("first.cbir"), images());
        List<ImageEntry> shuffled = images();
        Collections.reverse(shuffled);
        reordered = save(dir.resolve("reordered.cbir"), shuffled);
    }

    @Test
    void recordsOfTheSameImagesInAnotherOrderAreRefused() throws IOException {
        Path records = first.resolve("records.bin");
        Files.copy(reordered.resolve("records.bin"), records, StandardCopyOption.REPLACE_EXISTING);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> RetrievalPipeline.load(first));
        assertEquals(records, e.file());
        assertTrue(e.getMessage().contains("another save"), e.getMessage());
    }

    @Test
    void anIndexFromAnotherStoreOfTheSameShapeIsRefused() throws IOException {
        Path vectors = first.resolve("index").resolve("vectors.bin");
        Files.copy(reordered.resolve("index").resolve("vectors.bin"), vectors, StandardCopyOption.REPLACE_EXISTING);
        for (LoadOptions options : List.of(LoadOptions.defaults(),
                LoadOptions.defaults().withMappedIndexFiles(true))) {
            CorruptFileException e = assertThrows(CorruptFileException.class, () -> RetrievalPipeline.load(first, options));
            assertEquals(vectors, e.file());
        }
    }

    @Test
    void aManifestFromAnotherStoreIsRefused() throws IOException {
        Files.copy(reordered.resolve("manifest.txt"), first.resolve("manifest.txt"), StandardCopyOption.REPLACE_EXISTING);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> RetrievalPipeline.load(first));
        assertTrue(e.getMessage().contains("another save"), e.getMessage());
    }

    @Test
    void aFileOfTheFirstContainerFormatIsRefusedAsOld() throws IOException {
        Path records = first.resolve("records.bin");
        byte[] bytes = Files.readAllBytes(records);
        ByteBuffer.wrap(bytes).putInt(0x43424952); // 'CBIR', the magic number before save ids
        Files.write(records, bytes);
        FormatVersionException e = assertThrows(FormatVersionException.class, () -> RetrievalPipeline.load(first));
        assertEquals(records, e.file());
        assertTrue(e.getMessage().contains("index the collection again"), e.getMessage());
    }

    @Test
    void intactStoresStillLoad() throws IOException {
        assertEquals(6, RetrievalPipeline.load(first).size());
        assertEquals(6, RetrievalPipeline.load(reordered).size());
    }
}
