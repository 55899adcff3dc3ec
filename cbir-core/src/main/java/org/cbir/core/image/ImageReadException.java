package org.cbir.core.image;

import java.io.IOException;
import java.nio.file.Path;

/** An image file that could not be read: missing, unreadable, truncated or corrupt. */
public class ImageReadException extends IOException {
    private final transient Path path;

    public ImageReadException(Path path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    public ImageReadException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    /** The file that failed. */
    public Path path() {
        return path;
    }
}
