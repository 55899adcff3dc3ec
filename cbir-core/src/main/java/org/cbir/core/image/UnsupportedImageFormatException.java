package org.cbir.core.image;

import java.nio.file.Path;

/** A file that is not in one of the formats {@link Images#read} decodes (PNG, JPEG, TIFF, BMP, GIF). */
public class UnsupportedImageFormatException extends ImageReadException {

    /**
     * @param path the file
     * @param problem what the content is, or why it is not supported
     */
    public UnsupportedImageFormatException(Path path, String problem) {
        super(path, problem);
    }
}
