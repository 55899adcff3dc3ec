package org.cbir.core.image;

import java.nio.file.Path;

/** An image that is not in one of the formats {@link Images#read} decodes (PNG, JPEG, TIFF, BMP, GIF). */
public class UnsupportedImageFormatException extends ImageReadException {

    /**
     * @param path the file
     * @param problem what the content is, or why it is not supported
     */
    public UnsupportedImageFormatException(Path path, String problem) {
        super(path, problem);
    }

    /**
     * For images that are not local files.
     *
     * @param source what the bytes were read from (a URI, a name)
     * @param problem what the content is, or why it is not supported
     */
    public UnsupportedImageFormatException(String source, String problem) {
        super(source, problem, null);
    }
}
