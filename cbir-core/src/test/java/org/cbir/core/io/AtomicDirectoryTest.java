package org.cbir.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoryTest {
    @TempDir
    Path dir;

    private static AtomicDirectory.DirectoryWriter version(String text) {
        return fresh -> {
            assertTrue(Files.isDirectory(fresh));
            try (Stream<Path> entries = Files.list(fresh)) {
                assertEquals(0, entries.count(), "the writer gets an empty directory");
            }
            Files.writeString(fresh.resolve("content.txt"), text);
            Files.createDirectory(fresh.resolve("sub"));
            Files.writeString(fresh.resolve("sub").resolve("nested.txt"), text + " nested");
        };
    }

    private static String contentOf(Path directory) throws IOException {
        return Files.readString(directory.resolve("content.txt"));
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createsThenReplacesLeavingOnlyTheTarget() throws IOException {
        Path target = dir.resolve("gisaxs.cbir");
        AtomicDirectory.replace(target, version("one"));
        assertEquals("one", contentOf(target));
        AtomicDirectory.replace(target, version("two"));
        assertEquals("two", contentOf(target));
        assertEquals("two nested", Files.readString(target.resolve("sub").resolve("nested.txt")));
        assertEquals(List.of("gisaxs.cbir"), siblings());
        assertEquals(target, AtomicDirectory.resolveForReading(target));
    }

    @Test
    void createsMissingParentDirectories() throws IOException {
        Path target = dir.resolve("a").resolve("b").resolve("index.cbir");
        AtomicDirectory.replace(target, version("one"));
        assertEquals("one", contentOf(target));
    }

    @Test
    void failingWriterLeavesTheOldVersionAndNoTemporaryDirectory() throws IOException {
        Path target = dir.resolve("gisaxs.cbir");
        AtomicDirectory.replace(target, version("one"));
        IOException e = assertThrows(IOException.class, () -> AtomicDirectory.replace(target, fresh -> {
            version("two").write(fresh);
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertThrows(IllegalStateException.class, () -> AtomicDirectory.replace(target, fresh -> {
            throw new IllegalStateException("bug in a writer (simulated)");
        }));
        assertEquals("one", contentOf(target));
        assertEquals(List.of("gisaxs.cbir"), siblings());
    }

    @Test
    void failingFirstWriteLeavesNothing() throws IOException {
        Path target = dir.resolve("new.cbir");
        assertThrows(IOException.class, () -> AtomicDirectory.replace(target, fresh -> {
            throw new IOException("simulated");
        }));
        assertEquals(List.of(), siblings());
    }

    @Test
    void readsTheLeftOverPreviousVersionWhenACrashLeftOnlyIt() throws IOException {
        Path target = dir.resolve("gisaxs.cbir");
        AtomicDirectory.replace(target, version("one"));
        // the state a crash between "target -> previous" and "temp -> target" leaves behind
        Path previous = dir.resolve("gisaxs.cbir.previous");
        Files.move(target, previous);

        captureStandardError(() -> assertEquals(previous, AtomicDirectory.resolveForReading(target)),
                logged -> assertTrue(logged.contains("gisaxs.cbir") && logged.contains("previous version"), logged));
        assertEquals("one", contentOf(previous));

        // the next save puts the new version in place and only then drops the previous one
        AtomicDirectory.replace(target, version("two"));
        assertEquals("two", contentOf(target));
        assertEquals(List.of("gisaxs.cbir"), siblings());
    }

    @Test
    void staleOlderPreviousIsReplacedDuringASave() throws IOException {
        Path target = dir.resolve("gisaxs.cbir");
        AtomicDirectory.replace(target, version("two"));
        Path previous = dir.resolve("gisaxs.cbir.previous");
        Files.createDirectory(previous);
        Files.writeString(previous.resolve("content.txt"), "stale");
        AtomicDirectory.replace(target, version("three"));
        assertEquals("three", contentOf(target));
        assertFalse(Files.exists(previous));
    }

    @Test
    void missingTargetAndNonDirectoriesAreNamed() throws IOException {
        Path missing = dir.resolve("missing.cbir");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AtomicDirectory.resolveForReading(missing));
        assertEquals(missing.toString(), e.getFile());
        assertTrue(e.getMessage().contains("missing.cbir.previous"), e.getMessage());

        Path file = dir.resolve("file.cbir");
        Files.writeString(file, "not a directory");
        ChecksummedFilesTest.assertMessageNames(file,
                assertThrows(InvalidFileException.class, () -> AtomicDirectory.resolveForReading(file)), "is not a directory");
        FileAlreadyExistsException f = assertThrows(FileAlreadyExistsException.class,
                () -> AtomicDirectory.replace(file, version("x")));
        assertEquals(file.toString(), f.getFile());
        assertEquals("not a directory", Files.readString(file));
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    @FunctionalInterface
    private interface LogCheck {
        void check(String logged);
    }

    /**
     * Runs {@code action} with System.err captured (where the test logger writes), so the
     * expected warning is checked instead of printed.
     */
    private static void captureStandardError(IoAction action, LogCheck check) throws IOException {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        check.check(captured.toString(StandardCharsets.UTF_8));
    }
}
