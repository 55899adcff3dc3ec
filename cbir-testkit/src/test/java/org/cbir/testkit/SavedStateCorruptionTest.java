package org.cbir.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.cbir.core.io.StoreDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The corruption suite fails a loader that does not check, passes one that does, and leaves the files as they were. */
class SavedStateCorruptionTest {

    /** A file of a payload line and its CRC-32 line. */
    private static void write(Path file, String payload) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(payload.getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, payload + "\n" + crc.getValue());
    }

    private static void checkingLoad(StoreDirectory directory) throws IOException {
        checkingLoad(directory, "a.txt", "a.txt");
        checkingLoad(directory.directory("sub"), "b.txt", "sub/b.txt");
    }

    /** Checks the file {@code name}; a corrupt one is reported as {@code called}. */
    private static void checkingLoad(StoreDirectory directory, String name, String called) throws IOException {
        String[] lines = readString(directory, name).split("\n", -1);
        CRC32 crc = new CRC32();
        crc.update(lines[0].getBytes(StandardCharsets.UTF_8));
        if (lines.length != 2 || !lines[1].equals(Long.toString(crc.getValue()))) {
            throw new IOException(called + " is corrupt");
        }
    }

    @Test
    void aCheckingLoaderPassesAndTheFilesAreRestored(@TempDir Path dir) throws IOException {
        write(dir.resolve("a.txt"), "the first payload");
        write(Files.createDirectory(dir.resolve("sub")).resolve("b.txt"), "the second payload");
        byte[] before = Files.readAllBytes(dir.resolve("sub/b.txt"));
        assertEquals(2, SavedStateCorruption.assertEveryFileIsChecked(dir, SavedStateCorruptionTest::checkingLoad));
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("sub/b.txt")));
        checkingLoad(StoreDirectory.local(dir));
    }

    @Test
    void aLoaderThatReadsWithoutCheckingFails(@TempDir Path dir) throws IOException {
        write(dir.resolve("a.txt"), "the first payload");
        assertThrows(AssertionFailedError.class, () -> SavedStateCorruption.assertEveryFileIsChecked(dir,
                d -> readString(d, "a.txt")));
    }

    @Test
    void aLoaderWhoseErrorDoesNotNameTheFileFails(@TempDir Path dir) throws IOException {
        write(dir.resolve("a.txt"), "the first payload");
        Files.createDirectory(dir.resolve("sub"));
        write(dir.resolve("sub/b.txt"), "the second payload");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> SavedStateCorruption
                .assertEveryFileIsChecked(dir, d -> {
                    checkingLoad(d, "a.txt", "a saved part");
                    checkingLoad(d.directory("sub"), "b.txt", "sub/b.txt");
                }));
        assertTrue(e.getMessage().contains("does not name the file"), e.getMessage());
    }

    private static String readString(StoreDirectory directory, String name) throws IOException {
        try (InputStream in = directory.read(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
