package org.cbir.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The {@code --out} folder of a command that writes several files: created when absent; reused
 * when it is empty or holds an earlier output of the same command (its marker file says so);
 * refused otherwise, so that a command never writes over files it did not create, such as the
 * user's collection.
 */
final class OutputFolder {
    static final String MARKER = ".cbir-output";

    private OutputFolder() {
    }

    /**
     * Makes {@code out} ready for {@code command}'s files and marks it as its output.
     *
     * @throws IllegalArgumentException if {@code out} is a file, or a non-empty folder that is not an
     *     earlier output of {@code command}
     */
    static Path prepare(Path out, String command) throws IOException {
        String mark = "cbir " + command + "\n";
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
        if (Files.isDirectory(out)) {
            Path marker = out.resolve(MARKER);
            boolean ours = Files.isRegularFile(marker) && Files.readString(marker).equals(mark);
            if (!ours && !isEmpty(out)) {
                throw new IllegalArgumentException("--out " + out + " is not empty and is not an earlier output of `cbir "
                        + command + "`: choose a new or empty folder (nothing was written)");
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve(MARKER), mark);
        return out;
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
