package org.cbir.core.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {

    @Test
    void replacesTheContentAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.md");
        AtomicOutput.writeString(file, "first");
        AtomicOutput.writeString(file, "second é");
        assertEquals("second é", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFailingWriterLeavesThePreviousFileIntact(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sheet.png");
        AtomicOutput.writeString(file, "old");
        IOException failure = assertThrows(IOException.class, () -> AtomicOutput.write(file, out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        assertEquals(file.toAbsolutePath() + ": cannot write it (disk full)", failure.getMessage()); // a full disk names the file
        assertEquals("old", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void filesAreReadableByOthersLikeAnyNewFile(@TempDir Path dir) throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path atomic = dir.resolve("atomic.txt");
        AtomicOutput.writeString(atomic, "x");
        assertEquals(Files.getPosixFilePermissions(plain).contains(PosixFilePermission.OTHERS_READ),
                Files.getPosixFilePermissions(atomic).contains(PosixFilePermission.OTHERS_READ));
    }

    @Test
    void aMissingFolderIsNamed(@TempDir Path dir) {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> AtomicOutput.writeString(dir.resolve("nowhere").resolve("x.csv"), "x"));
        assertEquals(dir.resolve("nowhere").resolve("x.csv").toString(), e.getFile());
    }
}
