package org.cbir.core.collection;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A folder or CSV file that yields no images, thrown by {@link ImageCollection#fromFolder} and
 * {@link ImageCollection#fromCsv}: indexing or training on nothing is always a mistake (a wrong
 * path, wrong extensions, a CSV with only a header). The message is {@code source: problem}.
 */
public class EmptyCollectionException extends IOException {
    private final transient Path source;

    /**
     * @param source the folder or CSV file
     * @param problem why it holds no images
     */
    public EmptyCollectionException(Path source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /** The folder or CSV file that holds no images. */
    public Path source() {
        return source;
    }
}
