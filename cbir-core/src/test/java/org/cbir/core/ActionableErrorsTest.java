package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.ImageReadException;
import org.cbir.core.image.Images;
import org.cbir.core.io.InvalidFileException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, item 7: errors say what a user can act on, and never echo raw control bytes. */
class ActionableErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aFolderThatIsNoStoreSaysSo() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("photos"));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> RetrievalPipeline.load(folder));
        assertTrue(e.getMessage().contains("not a saved cbir store"), e.getMessage());
    }

    @Test
    void aDirectoryWhereTheManifestBelongsIsNamed() throws IOException {
        Path store = dir.resolve("s.cbir");
        SaveOverExistingTest.twoImages().save(store);
        Files.delete(store.resolve("manifest.txt"));
        Files.createDirectory(store.resolve("manifest.txt"));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> RetrievalPipeline.load(store));
        assertEquals(store.resolve("manifest.txt"), e.file());
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void controlBytesOfADamagedManifestAreEscaped() throws IOException {
        Path store = dir.resolve("s.cbir");
        SaveOverExistingTest.twoImages().save(store);
        Path manifest = store.resolve("manifest.txt");
        String text = Files.readString(manifest).replace("format.version", "\u001b[2J\u0007format.version");
        Files.writeString(manifest, text, StandardCharsets.UTF_8);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> RetrievalPipeline.load(store));
        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20 || c == 0x7f), e.getMessage());
        assertTrue(e.getMessage().contains("\\u001b"), e.getMessage());
    }

    @Test
    void anUnreadableSubFolderIsSkippedAndReported() throws IOException {
        Path db = dir.resolve("db");
        Path good = Files.createDirectories(db.resolve("good"));
        Images.write(org.cbir.core.image.Image.grey(2, 2, new float[] {0, 1, 1, 0}), good.resolve("a.png"));
        Path locked = Files.createDirectories(db.resolve("locked"));
        // The walk's handler, fed the failure a locked folder gives (root reads every folder, so
        // the end-to-end case below runs only for other users).
        List<Path> found = new java.util.ArrayList<>();
        org.cbir.core.collection.FolderScannerAccess.keepUnreadable(db, locked, new AccessDeniedException(locked.toString()),
                found);
        assertEquals(List.of(Path.of("locked")), found);
        assertThrows(IOException.class, () -> org.cbir.core.collection.FolderScannerAccess.keepUnreadable(db, locked,
                new IOException("input/output error"), found), "other failures still abort the walk");
    }

    @Test
    void anUnreadableSubFolderIsReportedEndToEnd() throws IOException {
        Path db = dir.resolve("db");
        Path good = Files.createDirectories(db.resolve("good"));
        Images.write(org.cbir.core.image.Image.grey(2, 2, new float[] {0, 1, 1, 0}), good.resolve("a.png"));
        Path locked = Files.createDirectories(db.resolve("locked"));
        assertTrue(locked.toFile().setReadable(false));
        try {
            Assumptions.assumeFalse(Files.isReadable(locked), "root reads every folder");
            IndexingReport report = RetrievalPipeline.builder().extractor(new TestComponents.RowMeans(2)).build()
                    .addAll(ImageCollection.fromFolder(db));
            assertEquals(1, report.added());
            assertTrue(report.skipped().get(0).reason().contains("permission denied"), report.toString());
        } finally {
            locked.toFile().setReadable(true);
        }
    }
}
