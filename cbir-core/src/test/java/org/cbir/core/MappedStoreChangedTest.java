package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, item 10: a memory-mapped store changed under a running process is detected, not answered from. */
class MappedStoreChangedTest {
    @TempDir
    Path dir;

    private RetrievalPipeline loadMapped(Path store) throws IOException {
        SaveOverExistingTest.twoImages().save(store);
        return RetrievalPipeline.load(store, LoadOptions.defaults().withMappedIndexFiles(true));
    }

    @Test
    void aSaveOverTheStoreLeavesTheMappedOneAnswering() throws IOException {
        Path store = dir.resolve("s.cbir");
        RetrievalPipeline mapped = loadMapped(store);
        Image query = Image.grey(1, 2, new float[] {1, 0});
        String before = mapped.query(query, 1).matches().get(0).path();
        SaveOverExistingTest.twoImages().save(store); // renames a new file into place
        assertEquals(before, mapped.query(query, 1).matches().get(0).path());
    }

    @Test
    void aFileRewrittenOrTruncatedInPlaceIsRefused() throws IOException {
        for (boolean truncate : new boolean[] {false, true}) {
            Path store = dir.resolve("s" + truncate + ".cbir");
            RetrievalPipeline mapped = loadMapped(store);
            Path vectors = store.resolve("index").resolve("vectors.bin");
            FileTime loaded = Files.getLastModifiedTime(vectors);
            try (FileChannel channel = FileChannel.open(vectors, StandardOpenOption.WRITE)) {
                if (truncate) {
                    channel.truncate(channel.size() / 2);
                } else {
                    channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), channel.size() - 20);
                }
            }
            // as a later write would stamp it, even on a file system with coarse time stamps
            Files.setLastModifiedTime(vectors, FileTime.fromMillis(loaded.toMillis() + 2000));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> mapped.query(Image.grey(1, 2, new float[] {1, 0}), 1));
            assertTrue(e.getMessage().contains(vectors.toString()) && e.getMessage().contains("changed in place"),
                    e.getMessage());
        }
    }
}
