package org.cbir.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be loaded: the base of the errors for saved pipelines, indexes and models.
 * The message always starts with the file, so that a user who sees only the message knows which
 * file to look at. Subclasses say why: {@link CorruptFileException} (damaged or not one of our
 * files) and {@link FormatVersionException} (well-formed, but of a format version this code
 * cannot read).
 */
public class InvalidFileException extends IOException {
    private final transient Path file;
    private final String problem;

    /**
     * @param file the file that failed; {@code null} only when the data did not come from a file
     *     (then the message says so)
     * @param problem what is wrong, phrased to follow "file: "
     */
    public InvalidFileException(Path file, String problem) {
        this(file, problem, null);
    }

    /** As {@link #InvalidFileException(Path, String)}, with the exception that revealed it. */
    public InvalidFileException(Path file, String problem, Throwable cause) {
        super(describe(file) + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file that failed, or {@code null} when the data did not come from a file. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }

    private static String describe(Path file) {
        return file == null ? "(data not read from a file)" : file.toString();
    }
}
