package org.cbir.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The corruption cases every saved state must survive: each file of a saved directory, in turn
 * truncated by one byte, cut to half its length, and altered in one byte, must make the load
 * fail with an {@link IOException} (cbir's {@code InvalidFileException} family names the file)
 * rather than return a component that silently computes something else. The saved directory is
 * restored between cases.
 */
public final class SavedStateCorruption {

    /** Loads a component from a saved directory. */
    @FunctionalInterface
    public interface Loader {
        void load(Path directory) throws IOException;
    }

    private SavedStateCorruption() {
    }

    /**
     * Checks every regular file under {@code saved} (recursively) with {@code loader}.
     *
     * @return how many files were checked (zero when the component saved nothing)
     */
    public static int assertEveryFileIsChecked(Path saved, Loader loader) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(saved)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            byte[] original = Files.readAllBytes(file);
            try {
                if (original.length > 0) {
                    corrupt(saved, file, Arrays.copyOf(original, original.length - 1), loader, "truncated by one byte");
                    corrupt(saved, file, Arrays.copyOf(original, original.length / 2), loader, "cut to half");
                    byte[] altered = original.clone();
                    altered[original.length / 2] ^= 0x5A;
                    corrupt(saved, file, altered, loader, "altered in byte " + original.length / 2);
                }
                Files.delete(file);
                assertThrows(IOException.class, () -> loader.load(saved), () -> saved.relativize(file) + " missing: the load must fail");
            } finally {
                Files.write(file, original);
            }
        }
        return files.size();
    }

    private static void corrupt(Path saved, Path file, byte[] content, Loader loader, String how) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThrows(IOException.class, () -> loader.load(saved),
                () -> saved.relativize(file) + " " + how + ": the load must fail with an IOException naming the file");
    }
}
