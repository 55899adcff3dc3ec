package org.cbir.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, items 1 and 4 on the command line: no run deletes a user's folder or wipes a good store. */
class CliDataSafetyTest {
    private static final Path DATABASE = Path.of("..", "samples", "gisaxs", "database");

    @Test
    void indexIntoTheCollectionItselfIsRefusedAndDeletesNothing(@TempDir Path dir) throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos").resolve("a"));
        Files.copy(Files.list(DATABASE.resolve("fcc100")).findFirst().orElseThrow(), photos.resolve("one.png"));
        Files.writeString(dir.resolve("photos").resolve("notes.txt"), "mine");
        CliRun run = CliRun.of("index", dir.resolve("photos").toString(), "-o", dir.resolve("photos").toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains("not a saved cbir store"), run.err());
        assertEquals("mine", Files.readString(dir.resolve("photos").resolve("notes.txt")));
        assertTrue(Files.isRegularFile(photos.resolve("one.png")));
    }

    @Test
    void anEmptyOutputPathIsRefused() {
        CliRun run = CliRun.of("index", DATABASE.toString(), "-o", "");
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains("empty path"), run.err());
    }

    @Test
    void aRunThatIndexesNothingFailsAndKeepsTheStore(@TempDir Path dir) throws IOException {
        Path store = dir.resolve("good.cbir");
        Path small = Files.createDirectories(dir.resolve("small").resolve("fcc100"));
        Files.copy(Files.list(DATABASE.resolve("fcc100")).findFirst().orElseThrow(), small.resolve("one.png"));
        assertEquals(0, CliRun.of("index", dir.resolve("small").toString(), "-o", store.toString()).exitCode());
        String manifest = Files.readString(store.resolve("manifest.txt"));

        Path broken = Files.createDirectories(dir.resolve("broken").resolve("x"));
        Files.writeString(broken.resolve("bad.png"), "not an image");
        CliRun run = CliRun.of("index", dir.resolve("broken").toString(), "-r", "none", "-o", store.toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("nothing could be indexed") && run.err().contains("was not written"), run.err());
        assertEquals(manifest, Files.readString(store.resolve("manifest.txt")));
    }
}
