package org.cbir.core.collection;

import java.io.IOException;
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
import org.cbir.core.collection.ImageCollection.CsvPaths;
import org.cbir.core.internal.io.CsvRows;

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
        for (CsvRows.Row row : CsvRows.read(csv)) {
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
}
