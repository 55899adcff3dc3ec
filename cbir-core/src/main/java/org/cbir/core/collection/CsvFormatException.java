package org.cbir.core.collection;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A line of a collection CSV file that does not parse (see {@link ImageCollection#fromCsv}); the
 * message is {@code file:line: problem}.
 */
public class CsvFormatException extends IOException {
    private final transient Path file;
    private final long line;

    /**
     * @param file the CSV file
     * @param line the 1-based number of the offending line in the file
     * @param problem what is wrong with it
     */
    public CsvFormatException(Path file, long line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The CSV file. */
    public Path file() {
        return file;
    }

    /** The 1-based number of the line that does not parse. */
    public long line() {
        return line;
    }
}
