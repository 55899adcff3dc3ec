package org.cbir.core.collection;

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
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cbir.core.Metadata;

/** The CSV parser behind {@link ImageCollection#fromCsv}; the format is documented there. */
final class CsvCollectionReader {
    /** First fields that make the first line a header, lower case. */
    static final Set<String> HEADER_NAMES = Set.of("path", "file", "filename");

    private CsvCollectionReader() {
    }

    static List<ImageEntry> read(Path csv, CsvPaths paths) throws IOException {
        Path folder = csv.getParent() != null ? csv.getParent() : csv.getFileSystem().getPath("");
        List<ImageEntry> entries = new ArrayList<>();
        boolean first = true;
        Columns columns = Columns.PLAIN;
        for (CsvRows.Row row : rows(csv)) {
            List<String> fields = row.fields();
            if (first) {
                first = false;
                if (HEADER_NAMES.contains(fields.get(0).strip().toLowerCase(Locale.ROOT))) {
                    columns = Columns.of(fields, csv, row.number());
                    continue;
                }
            }
            entries.add(columns.entry(fields, folder, csv, row.number(), paths));
        }
        if (entries.isEmpty()) {
            throw new EmptyCollectionException(csv, "the CSV file lists no images");
        }
        return entries;
    }

    /** The lines of the file that are neither blank nor comments, split into fields. */
    static List<CsvRows.Row> rows(Path csv) throws IOException {
        List<CsvRows.Row> rows = new ArrayList<>();
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
                rows.add(new CsvRows.Row(number, fields(line, csv, number)));
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
     * What the fields of a data line are: {@code path} first, then either {@code label} alone
     * (no header, or a header of two columns whatever their second name) or the header's
     * columns, where the one named {@code label} is the label and every other one a metadata key.
     *
     * @param labelColumn the label's field index, or -1 when there is none
     * @param metadataKeys the metadata key of each field (null for the path and the label)
     */
    private record Columns(int count, int labelColumn, String[] metadataKeys) {
        static final Columns PLAIN = new Columns(2, 1, new String[2]);

        static Columns of(List<String> header, Path csv, long number) throws CsvFormatException {
            if (header.size() <= 2) {
                return PLAIN;
            }
            String[] keys = new String[header.size()];
            int label = -1;
            for (int i = 1; i < header.size(); i++) {
                String name = header.get(i).strip();
                if (name.equalsIgnoreCase(Metadata.LABEL)) {
                    if (label >= 0) {
                        throw new CsvFormatException(csv, number, "the header names the label column twice");
                    }
                    label = i;
                    continue;
                }
                try {
                    keys[i] = Metadata.requireKey(name);
                } catch (IllegalArgumentException e) {
                    throw new CsvFormatException(csv, number, "column " + (i + 1) + ": " + e.getMessage());
                }
                for (int j = 1; j < i; j++) {
                    if (name.equals(keys[j])) {
                        throw new CsvFormatException(csv, number, "the header names the column '" + name + "' twice");
                    }
                }
            }
            return new Columns(header.size(), label, keys);
        }

        ImageEntry entry(List<String> fields, Path folder, Path csv, long number, CsvPaths paths)
                throws CsvFormatException {
            if (fields.size() > count) {
                throw new CsvFormatException(csv, number, "expected " + (this == PLAIN ? "'path' or 'path,label'"
                        : "at most the header's " + count + " columns") + ", found " + fields.size()
                        + " fields (quote a path that contains a comma: \"a,b.png\")");
            }
            String file = fields.get(0);
            if (file.isEmpty()) {
                throw new CsvFormatException(csv, number, "empty path");
            }
            String label = labelColumn > 0 && labelColumn < fields.size() ? fields.get(labelColumn).strip() : "";
            Map<String, String> metadata = new LinkedHashMap<>();
            for (int i = 1; i < fields.size(); i++) {
                String value = fields.get(i).strip();
                if (metadataKeys[i] != null && !value.isEmpty()) {
                    metadata.put(metadataKeys[i], value);
                }
            }
            try {
                Path resolved = folder.resolve(file);
                if (paths == CsvPaths.CONFINED) {
                    requireInside(folder, resolved, csv, number, file);
                }
                return new ImageEntry.File(resolved, label.isEmpty() ? null : label, metadata);
            } catch (InvalidPathException e) {
                throw new CsvFormatException(csv, number, "invalid path '" + file + "' (" + e.getReason() + ")");
            }
        }
    }

    /** Refuses {@code resolved} unless it stays in {@code folder}, lexically and through symbolic links. */
    private static void requireInside(Path folder, Path resolved, Path csv, long number, String file)
            throws CsvFormatException {
        Path base = folder.toAbsolutePath().normalize();
        boolean inside = !csv.getFileSystem().getPath(file).isAbsolute()
                && resolved.toAbsolutePath().normalize().startsWith(base);
        if (inside && Files.exists(resolved)) {
            try {
                inside = resolved.toRealPath().startsWith(base.toRealPath());
            } catch (IOException e) {
                inside = false;
            }
        }
        if (!inside) {
            throw new CsvFormatException(csv, number, "path '" + file + "' leaves the CSV's folder " + base
                    + ", which confined CSV paths do not allow");
        }
    }

    /**
     * Splits one line into fields: separated by commas; an unquoted field is stripped of
     * surrounding blanks; a field in double quotes is taken as is, may hold commas, and writes a
     * quote as two quotes.
     */
    static List<String> fields(String line, Path csv, long number) throws CsvFormatException {
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
