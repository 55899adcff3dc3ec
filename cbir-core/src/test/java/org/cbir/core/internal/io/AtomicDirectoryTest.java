package org.cbir.core.internal.io;

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
import org.cbir.core.io.InvalidFileException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoryTest {
    @TempDir
    Path dir;

    /** Accepts only a directory that an earlier {@link #version} wrote. */
    private static final AtomicDirectory.ReplaceCheck OURS = existing -> {
        if (!Files.isRegularFile(existing.resolve("content.txt"))) {
            throw new FileAlreadyExistsException(existing.toString(), null, "not ours");
        }
    };

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
            return entries.map(p -> p.getFileName().toString()).filter(name -> !name.endsWith(".lock")).sorted().toList();
        }
    }

    @Test
    void createsThenReplacesLeavingOnlyTheTarget() throws IOException {
        Path target = dir.resolve("gisaxs.cbir");
        AtomicDirectory.replace(target, OURS, version("one"));
        assertEquals("one", contentOf(target));
        AtomicDirectory.replace(target, OURS, version("two"));
        assertEquals("two", contentOf(target));
        assertEquals("two nested", Files.readString(target.resolve("sub").resolve("nested.txt")));
        assertEquals(List.of("gisaxs.cbir"), siblings());
        assertEquals(target, AtomicDirectory.resolveForReading(target));
    }

    @Test
    void createsMissingParentDirectories() throws IOException {
        Path target = dir.resolve("a").resolve("b").resolve("index.cbir");
        AtomicDirectory.replace(target, OURS, version("one"));
        assertEquals("one", contentOf(target));
    }

    @Test
    void failingWriterLeavesTheOldVersionAndNoTemporaryDirectory() throws IOException {
        Path target = dir.resolve("gisaxs.cbir");
        AtomicDirectory.replace(target, OURS, version("one"));
        IOException e = assertThrows(IOException.class, () -> AtomicDirectory.replace(target, OURS, fresh -> {
            version("two").write(fresh);
            throw new IOException("disk full (simulated)");
        }));
        assertEquals(target.toAbsolutePath().normalize() + ": cannot write it (disk full (simulated))", e.getMessage());
        assertThrows(IllegalStateException.class, () -> AtomicDirectory.replace(target, OURS, fresh -> {
            throw new IllegalStateException("bug in a writer (simulated)");
        }));
        assertEquals("one", contentOf(target));
        assertEquals(List.of("gisaxs.cbir"), siblings());
    }

    @Test
    void failingFirstWriteLeavesNothing() throws IOException {
        Path target = dir.resolve("new.cbir");
        assertThrows(IOException.class, () -> AtomicDirectory.replace(target, OURS, fresh -> {
            throw new IOException("simulated");
        }));
        assertEquals(List.of(), siblings());
    }

    @Test
    void readsTheLeftOverPreviousVersionWhenACrashLeftOnlyIt() throws IOException {
        Path target = dir.resolve("gisaxs.cbir");
        AtomicDirectory.replace(target, OURS, version("one"));
        // the state a crash between "target -> previous" and "temp -> target" leaves behind
        Path previous = dir.resolve("gisaxs.cbir.previous");
        Files.move(target, previous);

        captureStandardError(() -> assertEquals(previous, AtomicDirectory.resolveForReading(target)),
                logged -> assertTrue(logged.contains("gisaxs.cbir") && logged.contains("previous version"), logged));
        assertEquals("one", contentOf(previous));

        // the next save puts the new version in place and only then drops the previous one
        AtomicDirectory.replace(target, OURS, version("two"));
        assertEquals("two", contentOf(target));
        assertEquals(List.of("gisaxs.cbir"), siblings());
    }

    @Test
    void staleOlderPreviousIsReplacedDuringASave() throws IOException {
        Path target = dir.resolve("gisaxs.cbir");
        AtomicDirectory.replace(target, OURS, version("two"));
        Path previous = dir.resolve("gisaxs.cbir.previous");
        Files.createDirectory(previous);
        Files.writeString(previous.resolve("content.txt"), "stale");
        AtomicDirectory.replace(target, OURS, version("three"));
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
                () -> AtomicDirectory.replace(file, OURS, version("x")));
        assertEquals(file.toString(), f.getFile());
        assertEquals("not a directory", Files.readString(file));
    }

    @Test
    void aNonEmptyDirectoryTheCheckRefusesIsLeftAsItIs() throws IOException {
        Path photos = Files.createDirectory(dir.resolve("photos"));
        Files.writeString(photos.resolve("holiday.png"), "mine");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> AtomicDirectory.replace(photos, OURS, version("one")));
        assertEquals("not ours", e.getReason());
        assertEquals("mine", Files.readString(photos.resolve("holiday.png")));
        assertEquals(List.of("photos"), siblings());
    }

    @Test
    void leftoversOfCrashedSavesAreDeletedByTheNextSave() throws IOException {
        Path target = dir.resolve("gisaxs.cbir");
        AtomicDirectory.replace(target, OURS, version("one"));
        Path crashedTemp = Files.createDirectory(dir.resolve(".gisaxs.cbir.tmp-0123456789abcdef"));
        Files.writeString(crashedTemp.resolve("content.txt"), "half written");
        Path notOurs = Files.createDirectory(dir.resolve(".gisaxs.cbir.tmp-mine"));
        AtomicDirectory.replace(target, OURS, version("two"));
        assertEquals(List.of(".gisaxs.cbir.tmp-mine", "gisaxs.cbir"), siblings());
        assertTrue(Files.isDirectory(notOurs));
    }

    @Test
    void aPreviousThatCannotBeDeletedDoesNotFailTheSave() throws IOException, InterruptedException {
        Path target = dir.resolve("gisaxs.cbir");
        AtomicDirectory.replace(target, OURS, version("one"));
        Path previous = dir.resolve("gisaxs.cbir.previous");
        Path locked = Files.createDirectories(previous.resolve("locked"));
        Files.writeString(locked.resolve("stuck.txt"), "stale");
        Undeletable undeletable = Undeletable.make(locked);
        try {
            Assumptions.assumeTrue(undeletable != null, "cannot make a directory undeletable here");
            AtomicDirectory.replace(target, OURS, version("two"));
            assertEquals("two", contentOf(target));
            assertFalse(Files.exists(previous));
            AtomicDirectory.replace(target, OURS, version("three"));
            assertEquals("three", contentOf(target));
        } finally {
            if (undeletable != null) {
                undeletable.undoUnder(dir); // the save moved it to a trash name
            }
        }
    }

    /** A directory whose entries cannot be deleted: read-only, or (for root, who ignores that) immutable. */
    private record Undeletable(Path directory, boolean immutable) {
        static Undeletable make(Path directory) throws IOException, InterruptedException {
            if (directory.toFile().setWritable(false) && !Files.isWritable(directory)) {
                return new Undeletable(directory, false);
            }
            directory.toFile().setWritable(true);
            Process chattr = new ProcessBuilder("chattr", "+i", directory.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return chattr.waitFor() == 0 ? new Undeletable(directory, true) : null;
        }

        void undoUnder(Path root) throws IOException, InterruptedException {
            List<Path> all;
            try (Stream<Path> walk = Files.walk(root)) {
                all = walk.filter(p -> p.getFileName().equals(directory.getFileName())).toList();
            }
            for (Path p : all) {
                if (immutable) {
                    new ProcessBuilder("chattr", "-i", p.toString()).start().waitFor();
                } else {
                    p.toFile().setWritable(true);
                }
            }
        }
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
