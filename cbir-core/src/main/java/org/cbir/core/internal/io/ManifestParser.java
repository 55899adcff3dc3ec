package org.cbir.core.internal.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.FormatVersionException;
import org.cbir.core.io.InvalidFileException;

/**
 * Parses and verifies the text of a {@link Manifest}, line by line, so that every complaint can
 * name its line. Checks in this order: the syntax of each line (first line the format, last line
 * the checksum), then the checksum, then the format version. Stateless and thread-safe.
 */
final class ManifestParser {
    private ManifestParser() {
    }

    static Manifest parse(Path file, byte[] bytes) throws InvalidFileException {
        if (bytes.length == 0) {
            throw new CorruptFileException(file, "the manifest is empty");
        }
        if (bytes[bytes.length - 1] != '\n') {
            throw new CorruptFileException(file, "the manifest does not end with a line break: it is truncated");
        }
        String[] lines = Manifest.decode(file, bytes).split("\n", -1);
        int count = lines.length - 1; // the text ends with '\n', so the last split is empty
        if (count < 2) {
            throw new CorruptFileException(file, "the manifest has no checksum line: it is truncated");
        }
        int version = parseFormatLine(file, lines[0]);
        List<String[]> parsed = new ArrayList<>();
        Map<String, Integer> lineNumbers = new HashMap<>();
        for (int i = 1; i < count - 1; i++) {
            int number = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                parsed.add(new String[] {line.substring(1).strip()});
                continue;
            }
            String[] entry = entry(file, number, line);
            String problem = Manifest.keyProblem(entry[0]);
            if (problem == null && lineNumbers.containsKey(entry[0])) {
                problem = "duplicate key '" + entry[0] + "' (first on line " + lineNumbers.get(entry[0]) + ")";
            }
            if (problem == null) {
                problem = Manifest.valueProblem(entry[0], entry[1]);
            }
            if (problem != null) {
                throw new CorruptFileException(file, "line " + number + ": " + problem);
            }
            parsed.add(entry);
            lineNumbers.put(entry[0], number);
        }
        verifyChecksum(file, bytes, lines[count - 1], count);
        if (version != Manifest.FORMAT_VERSION) {
            throw new FormatVersionException(file, "manifest", version, Manifest.FORMAT_VERSION, Manifest.FORMAT_VERSION);
        }
        return Manifest.parsed(file, parsed, lineNumbers);
    }

    private static int parseFormatLine(Path file, String line) throws CorruptFileException {
        String[] entry = split(line.strip());
        if (entry != null && entry[0].equals(Manifest.FORMAT_KEY)) {
            try {
                return Integer.parseInt(entry[1]);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new CorruptFileException(file, "line 1: a cbir manifest starts with '" + Manifest.FORMAT_KEY
                + " = <version>', found '" + abbreviate(line) + "': not a manifest, or a damaged one");
    }

    private static void verifyChecksum(Path file, byte[] bytes, String line, int number) throws CorruptFileException {
        String[] entry = split(line.strip());
        Long stored = entry != null && entry[0].equals(Manifest.CHECKSUM_KEY) ? Manifest.parseChecksum(entry[1]) : null;
        if (stored == null) {
            throw new CorruptFileException(file, "line " + number + ": the last line must be '" + Manifest.CHECKSUM_KEY
                    + " = <crc32 in hex>', found '" + abbreviate(line) + "': the manifest is truncated or was edited");
        }
        int lastLineStart = bytes.length - 1;
        while (lastLineStart > 0 && bytes[lastLineStart - 1] != '\n') {
            lastLineStart--;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, lastLineStart);
        if (crc.getValue() != stored) {
            throw new CorruptFileException(file, String.format(Locale.ROOT,
                    "line %d: checksum mismatch: the manifest was edited or damaged after it was written "
                            + "(the line says %08x, the content gives %08x)", number, stored, crc.getValue()));
        }
    }

    private static String[] entry(Path file, int number, String line) throws CorruptFileException {
        String[] entry = split(line);
        if (entry == null) {
            throw new CorruptFileException(file, "line " + number + ": expected 'key = value', a '#' comment or a blank"
                    + " line, found '" + abbreviate(line) + "'");
        }
        return entry;
    }

    /** {key, value} split at the first '=', both stripped; null without '='. */
    private static String[] split(String line) {
        int equals = line.indexOf('=');
        if (equals < 0) {
            return null;
        }
        return new String[] {line.substring(0, equals).strip(), line.substring(equals + 1).strip()};
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
