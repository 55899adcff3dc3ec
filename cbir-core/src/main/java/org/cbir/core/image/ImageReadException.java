package org.cbir.core.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An image that could not be read: a file that is missing, unreadable, truncated or corrupt, or
 * bytes (read from elsewhere, such as a distributed file system) that do not decode.
 */
public class ImageReadException extends IOException {
    private final transient Path path;
    private final String source;
    private final String problem;

    /**
     * @param path the file that failed
     * @param problem what went wrong; the message is {@code path: problem}
     */
    public ImageReadException(Path path, String problem) {
        this(path, String.valueOf(path), problem, null);
    }

    /**
     * @param path the file that failed
     * @param problem what went wrong; the message is {@code path: problem}
     * @param cause the decoder's or file system's exception
     */
    public ImageReadException(Path path, String problem, Throwable cause) {
        this(path, String.valueOf(path), problem, cause);
    }

    /**
     * For images that are not local files.
     *
     * @param source what the bytes were read from (a URI, a name); the message is {@code source: problem}
     * @param problem what went wrong
     * @param cause the decoder's exception, or {@code null}
     */
    public ImageReadException(String source, String problem, Throwable cause) {
        this(null, source, problem, cause);
    }

    private ImageReadException(Path path, String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.path = path;
        this.source = source;
        this.problem = problem;
    }

    /** The file that failed, or {@code null} when the image was not read from a local file. */
    public Path path() {
        return path;
    }

    /** The file or other source that failed, as the message names it. */
    public String source() {
        return source;
    }

    /** What went wrong, without the path. */
    public String problem() {
        return problem;
    }
}
