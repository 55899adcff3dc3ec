package org.cbir.core.io;

import java.nio.file.Path;

/**
 * A file that is damaged or is not the file expected: truncated, altered (its checksum does not
 * match), of another kind (wrong magic number or codec name), followed by trailing bytes, or with
 * a body that does not parse. Such a file is never loaded; restore it from a backup or save again.
 */
public class CorruptFileException extends InvalidFileException {

    /** See {@link InvalidFileException#InvalidFileException(Path, String)}. */
    public CorruptFileException(Path file, String problem) {
        super(file, problem);
    }

    /** See {@link InvalidFileException#InvalidFileException(Path, String, Throwable)}. */
    public CorruptFileException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }
}
