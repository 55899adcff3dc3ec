package org.cbir.core.internal.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cbir.core.collection.CsvFormatException;

/**
 * The lines of a CSV file as {@code ImageCollection.fromCsv} splits them (UTF-8, an optional
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
        List<Row> rows = new ArrayList<>();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long number = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(csv))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            boolean more = true;
            while (more) {
                more = nextLine(in, bytes);
                if (!more && bytes.size() == 0) {
                    break;
                }
                number++;
                String line;
                try {
                    line = decoder.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
                } catch (CharacterCodingException e) {
                    throw new CsvFormatException(csv, number, "not valid UTF-8 text");
                }
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                rows.add(new Row(number, fields(line, csv, number)));
            }
        }
        return rows;
    }

    /**
     * Reads the bytes of the next line, without its {@code \n} or {@code \r\n}, into {@code line};
     * false at the end of the stream.
     */
    private static boolean nextLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        byte[] raw = line.toByteArray();
        if (raw.length > 0 && raw[raw.length - 1] == '\r') {
            line.reset();
            line.write(raw, 0, raw.length - 1);
        }
        return b >= 0;
    }

    /**
     * Splits one line into fields: separated by commas; an unquoted field is stripped of
     * surrounding blanks; a field in double quotes is taken as is, may hold commas, and writes a
     * quote as two quotes.
     */
    private static List<String> fields(String line, Path csv, long number) throws CsvFormatException {
        List<String> fields = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                StringBuilder field = new StringBuilder();
                int opening = i++;
                while (true) {
                    if (i >= n) {
                        throw new CsvFormatException(csv, number, "the quote opened at column " + (opening + 1)
                                + " is not closed (fields cannot span lines)");
                    }
                    char c = line.charAt(i++);
                    if (c != '"') {
                        field.append(c);
                    } else if (i < n && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new CsvFormatException(csv, number, "unexpected '" + line.charAt(i) + "' at column "
                            + (i + 1) + " after a closing quote");
                }
                fields.add(field.toString());
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                String field = line.substring(i, end).strip();
                if (field.indexOf('"') >= 0) {
                    throw new CsvFormatException(csv, number, "a quote inside the unquoted field '" + field
                            + "' (quote the whole field and double the quote)");
                }
                fields.add(field);
                i = end;
            }
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }
}
