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
        super(describe(file) + ": " + printable(problem), cause);
        this.file = file;
        this.problem = printable(problem);
    }

    /** The file that failed, or {@code null} when the data did not come from a file. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }

    /**
     * {@code text} with control characters (a damaged file's raw bytes, which could drive a
     * terminal) written as a backslash, u and four hexadecimal digits.
     */
    public static String printable(String text) {
        if (text == null || text.chars().noneMatch(InvalidFileException::isControl)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> sb.append(isControl(c) ? String.format(java.util.Locale.ROOT, "\\u%04x", c) : (char) c));
        return sb.toString();
    }

    private static boolean isControl(int c) {
        return Character.getType(c) == Character.CONTROL;
    }

    private static String describe(Path file) {
        return file == null ? "(data not read from a file)" : file.toString();
    }
}
