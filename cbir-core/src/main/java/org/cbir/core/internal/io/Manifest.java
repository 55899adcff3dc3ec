package org.cbir.core.internal.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.FormatVersionException;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;

/**
 * A small human-readable text file of ordered {@code key = value} lines: what a saved pipeline
 * or index is made of (format version, components and their parameters, dimension, count).
 *
 * <p>Grammar (UTF-8, lines end with {@code '\n'}):
 * <pre>
 * Manifest := FormatLine (Entry | Comment | Blank)* ChecksumLine
 * FormatLine   := "cbir.manifest = " version            (always the first line; version 1 today)
 * Entry        := key " = " value                       (spaces around '=' optional on read)
 * Comment      := "#" text                              (kept in order, not an entry)
 * ChecksumLine := "checksum = " crc32 as 8 hex digits   (always the last line)
 * key   := [a-z0-9._-]+, unique; "cbir.manifest" and "checksum" are reserved
 * value := one line without control characters or leading/trailing white space (may be empty;
 *          a '#' inside a value is part of it)
 * crc32 := CRC-32 of every byte before the checksum line
 * </pre>
 * A reader refuses a bad line (naming its number), a duplicate key, a missing or wrong checksum
 * (the manifest was truncated or edited) with a {@link CorruptFileException}, and a newer
 * manifest format with a {@link FormatVersionException}. Editing a manifest by hand therefore
 * needs the checksum line to be removed and rewritten by {@link #write}.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}.
 */
public final class Manifest {
    /** The key of the first line, whose value is the manifest format version. */
    public static final String FORMAT_KEY = "cbir.manifest";
    /** The manifest format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The key of the last line, whose value is the CRC-32 of all bytes before it. */
    public static final String CHECKSUM_KEY = "checksum";

    private static final Pattern KEY = Pattern.compile("[a-z0-9._-]+");
    private static final Pattern CHECKSUM_VALUE = Pattern.compile("[0-9a-fA-F]{1,8}");
    private static final int MAX_BYTES = 16 << 20;

    /** A line other than the format and checksum lines: an entry (key set) or a comment. */
    private record Line(String key, String comment) {
    }

    private final Path file;
    private final List<Line> lines;
    private final Map<String, String> entries;
    private final Map<String, Integer> lineNumbers;

    private Manifest(Path file, List<Line> lines, Map<String, String> entries, Map<String, Integer> lineNumbers) {
        this.file = file;
        this.lines = List.copyOf(lines);
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.lineNumbers = Map.copyOf(lineNumbers);
    }

    /** A builder for a new manifest; entries keep the order in which they are put. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads and verifies a manifest.
     *
     * @throws CorruptFileException naming the file (and the line, where one is at fault) if a
     *     line does not parse, a key repeats, or the checksum line is missing or does not match
     * @throws FormatVersionException if the manifest format is newer than this code reads
     */
    public static Manifest read(StoreDirectory directory, String name) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Path file = directory.location(name);
        if (!directory.exists(name)) {
            throw new InvalidFileException(file, "no such file: the directory is not a saved cbir store (a store has"
                    + " a manifest.txt), or the manifest was deleted");
        }
        SeekableByteChannel channel;
        try {
            channel = directory.open(name);
        } catch (InvalidFileException e) {
            throw new CorruptFileException(file, "is a directory, where the manifest file belongs");
        }
        try (channel) {
            long size = channel.size();
            if (size > MAX_BYTES) {
                throw new CorruptFileException(file, "has " + size + " bytes, too many for a manifest (at most " + MAX_BYTES + ")");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) size);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // until full or the end
            }
            return ManifestParser.parse(file, Arrays.copyOf(bytes.array(), bytes.position()));
        }
    }

    /** Reads and verifies the manifest {@code file} of the local file system; see {@link #read(StoreDirectory, String)}. */
    public static Manifest read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path absolute = file.toAbsolutePath();
        return read(LocalDirectory.of(absolute.getParent()), absolute.getFileName().toString());
    }

    /** Builds a manifest from lines checked by {@link ManifestParser}. */
    static Manifest parsed(Path file, List<String[]> parsedLines, Map<String, Integer> lineNumbers) {
        List<Line> lines = new ArrayList<>();
        Map<String, String> entries = new LinkedHashMap<>();
        for (String[] line : parsedLines) {
            if (line.length == 1) {
                lines.add(new Line(null, line[0]));
            } else {
                lines.add(new Line(line[0], null));
                entries.put(line[0], line[1]);
            }
        }
        return new Manifest(file, lines, entries, lineNumbers);
    }

    /**
     * Writes this manifest as the new file {@code name} of {@code directory}, ending with its
     * checksum line; the {@link StoreDirectory#publish} around the save makes it durable.
     */
    public void write(StoreDirectory directory, String name) throws IOException {
        Objects.requireNonNull(directory, "directory");
        byte[] bytes = toBytes();
        try (OutputStream out = directory.create(name)) {
            out.write(bytes);
        }
    }

    /**
     * Writes this manifest to {@code file} atomically (temporary sibling, forced to disk, renamed
     * over {@code file}), ending with its checksum line.
     */
    public void write(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = toBytes();
        AtomicFiles.write(file, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    /** The file this manifest was read from; empty when it was built in memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The value of {@code key}, if present. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The value of {@code key}; a {@link CorruptFileException} naming the file and key if absent. */
    public String require(String key) throws CorruptFileException {
        String value = entries.get(key);
        if (value == null) {
            throw new CorruptFileException(file, "the manifest has no entry '" + key + "'");
        }
        return value;
    }

    /** The value of {@code key} as an int; fails naming the file, line and key if absent or not an int. */
    public int requireInt(String key) throws CorruptFileException {
        String value = require(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw notA(key, value, "32-bit integer", e);
        }
    }

    /** The value of {@code key} as a long; fails naming the file, line and key if absent or not a long. */
    public long requireLong(String key) throws CorruptFileException {
        String value = require(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw notA(key, value, "64-bit integer", e);
        }
    }

    /** The value of {@code key} as a double; fails naming the file, line and key if absent or not a number. */
    public double requireDouble(String key) throws CorruptFileException {
        String value = require(key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw notA(key, value, "number", e);
        }
    }

    /** All entries in file order (without the format and checksum lines); unmodifiable. */
    public Map<String, String> entries() {
        return entries;
    }

    /**
     * The entries whose key starts with {@code prefix} and is longer than it, with the prefix
     * stripped, in file order; unmodifiable. {@code withPrefix("extractor.param.")} turns
     * {@code extractor.param.radius = 2} into {@code radius -> 2}.
     */
    public Map<String, String> withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        Map<String, String> result = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (key.length() > prefix.length() && key.startsWith(prefix)) {
                result.put(key.substring(prefix.length()), value);
            }
        });
        return Collections.unmodifiableMap(result);
    }

    /** Equal when entries and comments are equal, in the same order; where it was read from does not count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Manifest that && lines.equals(that.lines) && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lines, entries);
    }

    @Override
    public String toString() {
        return "Manifest" + (file == null ? "" : "[" + file + "]") + entries;
    }

    /** The file content: format line, lines in order, checksum line. */
    byte[] toBytes() {
        StringBuilder text = new StringBuilder();
        text.append(FORMAT_KEY).append(" = ").append(FORMAT_VERSION).append('\n');
        for (Line line : lines) {
            if (line.key() != null) {
                text.append(line.key()).append(" = ").append(entries.get(line.key())).append('\n');
            } else {
                text.append(line.comment().isEmpty() ? "#" : "# " + line.comment()).append('\n');
            }
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] checksum = (CHECKSUM_KEY + " = " + String.format(Locale.ROOT, "%08x", crc.getValue()) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[body.length + checksum.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(checksum, 0, all, body.length, checksum.length);
        return all;
    }

    private CorruptFileException notA(String key, String value, String kind, NumberFormatException cause) {
        Integer line = lineNumbers.get(key);
        String where = line == null ? "" : "line " + line + ": ";
        return new CorruptFileException(file, where + "entry '" + key + "' = '" + value + "' is not a " + kind, cause);
    }

    /** Validates a key: syntax and not reserved. Returns the problem, or null when valid. */
    static String keyProblem(String key) {
        if (!KEY.matcher(key).matches()) {
            return "illegal key '" + key + "': keys are made of a-z, 0-9, '.', '_' and '-'";
        }
        if (key.equals(FORMAT_KEY) || key.equals(CHECKSUM_KEY)) {
            return "key '" + key + "' is reserved for the manifest's own first or last line";
        }
        return null;
    }

    /** Validates a value: one line, no control characters, no surrounding white space. Returns the problem or null. */
    static String valueProblem(String key, String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return "value of '" + key + "' holds a line break or control character (0x"
                        + Integer.toHexString(value.charAt(i)) + "); manifest values are one line";
            }
        }
        if (!value.strip().equals(value)) {
            return "value of '" + key + "' has leading or trailing white space, which a manifest does not keep";
        }
        return null;
    }

    /** Parses a checksum line's value; null if it is not 1 to 8 hex digits. */
    static Long parseChecksum(String value) {
        Matcher matcher = CHECKSUM_VALUE.matcher(value);
        return matcher.matches() ? Long.parseLong(value, 16) : null;
    }

    /** Decodes strict UTF-8, failing with a corruption error naming the file. */
    static String decode(Path file, byte[] bytes) throws CorruptFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CorruptFileException(file, "the manifest is not valid UTF-8 text", e);
        }
    }

    /**
     * Collects entries and comments for a {@link Manifest}; checks each as it is added (throwing
     * {@link IllegalArgumentException} naming the key). Not thread-safe.
     */
    public static final class Builder {
        private final List<Line> lines = new ArrayList<>();
        private final Map<String, String> entries = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds {@code key = value}.
         *
         * @param key {@code [a-z0-9._-]+}, not yet present, not {@value #FORMAT_KEY} or {@value #CHECKSUM_KEY}
         * @param value one line without control characters or leading/trailing white space; may be empty
         */
        public Builder put(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, () -> "value of '" + key + "'");
            String problem = keyProblem(key);
            if (problem == null && entries.containsKey(key)) {
                problem = "duplicate key '" + key + "'";
            }
            if (problem == null) {
                problem = valueProblem(key, value);
            }
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            entries.put(key, value);
            lines.add(new Line(key, null));
            return this;
        }

        /** Adds an integer entry (decimal). */
        public Builder put(String key, long value) {
            return put(key, Long.toString(value));
        }

        /** Adds a floating-point entry in Java's shortest round-trip form ({@link Double#toString}). */
        public Builder put(String key, double value) {
            return put(key, Double.toString(value));
        }

        /**
         * Adds every entry of {@code values} with {@code prefix} prepended to its key, in the
         * map's iteration order; the counterpart of {@link Manifest#withPrefix}.
         */
        public Builder putAll(String prefix, Map<String, String> values) {
            Objects.requireNonNull(prefix, "prefix");
            values.forEach((key, value) -> put(prefix + key, value));
            return this;
        }

        /** Adds a comment line {@code # text} at this position; {@code text} must be one line. */
        public Builder comment(String text) {
            Objects.requireNonNull(text, "text");
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a manifest comment must be one line: " + text);
            }
            lines.add(new Line(null, text.strip()));
            return this;
        }

        /** The manifest; the builder may be reused afterwards. */
        public Manifest build() {
            return new Manifest(null, lines, entries, new HashMap<>());
        }
    }
}
