package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSourceTest {

    @Test
    void theKindFollowsWhatIsAtThePath(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("images"));
        Path store = Files.createDirectories(dir.resolve("gisaxs.cbir"));
        Files.writeString(store.resolve("manifest.txt"), "format 1\n");
        Path csv = Files.writeString(dir.resolve("list.CSV"), "a.png,x\n");
        assertEquals(DatabaseSource.Kind.FOLDER, DatabaseSource.of(folder).kind());
        assertEquals(DatabaseSource.Kind.STORE, DatabaseSource.of(store).kind());
        assertTrue(DatabaseSource.of(store).isStore());
        assertEquals(DatabaseSource.Kind.CSV, DatabaseSource.of(csv).kind());
    }

    @Test
    void aMissingPathOrAnotherFileIsRefusedByName(@TempDir Path dir) throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> DatabaseSource.of(dir.resolve("nowhere")));
        assertTrue(missing.getFile().endsWith("nowhere"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatabaseSource.of(text)).getMessage()
                .contains("notes.txt"));
    }

    @Test
    void aStoreHasNoImagesToList(@TempDir Path dir) throws IOException {
        Path store = Files.createDirectories(dir.resolve("s"));
        Files.writeString(store.resolve("manifest.txt"), "");
        assertThrows(IllegalStateException.class, () -> DatabaseSource.of(store).images());
    }
}
