package org.cbir.core.collection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The lines of a CSV file as {@link ImageCollection#fromCsv} splits them (UTF-8, an optional
 * byte-order mark, blank and {@code #} lines skipped, RFC 4180 quotes), for readers of CSV files
 * with more columns than a collection has, such as {@code cbir label}'s suggestions.
 */
public final class CsvRows {
    private CsvRows() {
    }

    /** One line: its number in the file (from 1) and its fields. */
    public record Row(long number, List<String> fields) {
        public Row {
            fields = List.copyOf(fields);
        }
    }

    /**
     * Every line that is neither blank nor a comment, the header included.
     *
     * @throws CsvFormatException naming the file and line of a quote that does not parse or bytes that are not UTF-8
     */
    public static List<Row> read(Path csv) throws IOException {
        return CsvCollectionReader.rows(csv);
    }
}
