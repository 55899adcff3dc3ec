package org.cbir.core;

/** An image that made a strict {@code addAll} stop; names the image and the cause. */
public class IndexingException extends RuntimeException {
    private final String path;

    public IndexingException(String path, String problem, Throwable cause) {
        super("cannot index " + path + ": " + problem, cause);
        this.path = path;
    }

    /** The image that failed. */
    public String path() {
        return path;
    }
}
