package org.cbir.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.cbir.core.io.StoreDirectory;

/**
 * The corruption cases every saved state must survive: each file of a saved directory, in turn
 * truncated by one byte, cut to half its length, altered in one byte, and deleted, must make the
 * load fail with an {@link IOException} whose message names the file (cbir's
 * {@code InvalidFileException} family starts with it; a missing file's
 * {@link java.nio.file.NoSuchFileException} is its path), rather than return a component that
 * silently computes something else. The saved directory is restored between cases.
 */
public final class SavedStateCorruption {

    /** Loads a component from a saved directory. */
    @FunctionalInterface
    public interface Loader {
        void load(StoreDirectory directory) throws IOException;
    }

    private SavedStateCorruption() {
    }

    /**
     * Checks every regular file under {@code saved} (recursively) with {@code loader}, which gets
     * {@code StoreDirectory.local(saved)}.
     *
     * @return how many files were checked (zero when the component saved nothing)
     */
    public static int assertEveryFileIsChecked(Path saved, Loader loader) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(saved)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        StoreDirectory directory = StoreDirectory.local(saved);
        for (Path file : files) {
            byte[] original = Files.readAllBytes(file);
            try {
                if (original.length > 0) {
                    corrupt(directory, saved, file, Arrays.copyOf(original, original.length - 1), loader,
                            "truncated by one byte");
                    corrupt(directory, saved, file, Arrays.copyOf(original, original.length / 2), loader, "cut to half");
                    byte[] altered = original.clone();
                    altered[original.length / 2] ^= 0x5A;
                    corrupt(directory, saved, file, altered, loader, "altered in byte " + original.length / 2);
                }
                Files.delete(file);
                assertFailsNaming(directory, saved, file, loader, "missing");
            } finally {
                Files.write(file, original);
            }
        }
        return files.size();
    }

    private static void corrupt(StoreDirectory directory, Path saved, Path file, byte[] content, Loader loader,
            String how) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFailsNaming(directory, saved, file, loader, how);
    }

    private static void assertFailsNaming(StoreDirectory directory, Path saved, Path file, Loader loader, String how) {
        IOException e = assertThrows(IOException.class, () -> loader.load(directory),
                () -> saved.relativize(file) + " " + how + ": the load must fail with an IOException naming the file");
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains(file.getFileName().toString()),
                () -> saved.relativize(file) + " " + how + ": the error does not name the file: " + message);
    }
}
