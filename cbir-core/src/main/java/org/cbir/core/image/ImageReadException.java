package org.cbir.core.image;

import java.io.IOException;
import java.nio.file.Path;

/** An image file that could not be read: missing, unreadable, truncated or corrupt. */
public class ImageReadException extends IOException {
    private final transient Path path;

    /**
     * @param path the file that failed
     * @param problem what went wrong; the message is {@code path: problem}
     */
    public ImageReadException(Path path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /**
     * @param path the file that failed
     * @param problem what went wrong; the message is {@code path: problem}
     * @param cause the decoder's or file system's exception
     */
    public ImageReadException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    /** The file that failed. */
    public Path path() {
        return path;
    }
}
