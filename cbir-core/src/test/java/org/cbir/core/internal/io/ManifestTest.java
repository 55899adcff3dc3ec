package org.cbir.core.internal.io;

import static org.cbir.core.internal.io.ChecksummedFilesTest.assertMessageNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.FormatVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
    @TempDir
    Path dir;

    /** Appends the checksum line computed here, independently of Manifest. */
    private static String withChecksum(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return text + "checksum = " + String.format(Locale.ROOT, "%08x", crc.getValue()) + "\n";
    }

    private Path writeText(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Manifest sample() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("radius", "2");
        params.put("points", "16");
        return Manifest.builder()
                .comment("written by a test")
                .put("pipeline.format", 1)
                .put("extractor.type", "lbp")
                .putAll("extractor.param.", params)
                .put("reducer.variance", 0.95)
                .put("count", 4_000_000_000L)
                .put("label.0", "Ångström µCT")
                .put("empty", "")
                .build();
    }

    @Test
    void writesTheDocumentedText() throws IOException {
        Path file = dir.resolve("manifest.txt");
        sample().write(file);
        String expected = withChecksum("cbir.manifest = 1\n"
                + "# written by a test\n"
                + "pipeline.format = 1\n"
                + "extractor.type = lbp\n"
                + "extractor.param.radius = 2\n"
                + "extractor.param.points = 16\n"
                + "reducer.variance = 0.95\n"
                + "count = 4000000000\n"
                + "label.0 = Ångström µCT\n"
                + "empty = \n");
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsInOrderWithTypedAccessors() throws IOException {
        Path file = dir.resolve("manifest.txt");
        Manifest written = sample();
        written.write(file);
        Manifest read = Manifest.read(file);

        assertEquals(written, read);
        assertEquals(Optional.of(file), read.file());
        assertEquals(List.of("pipeline.format", "extractor.type", "extractor.param.radius", "extractor.param.points",
                "reducer.variance", "count", "label.0", "empty"), List.copyOf(read.entries().keySet()));
        assertEquals(1, read.requireInt("pipeline.format"));
        assertEquals(4_000_000_000L, read.requireLong("count"));
        assertEquals(0.95, read.requireDouble("reducer.variance"));
        assertEquals("Ångström µCT", read.require("label.0"));
        assertEquals("", read.require("empty"));
        assertEquals(Optional.empty(), read.get("absent"));
        assertEquals(Map.of("radius", "2", "points", "16"), read.withPrefix("extractor.param."));
        assertEquals(List.of("radius", "points"), List.copyOf(read.withPrefix("extractor.param.").keySet()));
        assertThrows(UnsupportedOperationException.class, () -> read.entries().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> read.withPrefix("extractor.").clear());
    }

    @Test
    void readsHandWrittenCommentsBlankLinesAndLooseSpacing() throws IOException {
        Path file = writeText("hand.txt", withChecksum("cbir.manifest = 1\n"
                + "# a comment\n"
                + "\n"
                + "   # an indented comment = not an entry\n"
                + "dimension=128\n"
                + "url =  a#b=c  \n"));
        Manifest manifest = Manifest.read(file);
        assertEquals(Map.of("dimension", "128", "url", "a#b=c"), manifest.entries());
        assertEquals(128, manifest.requireInt("dimension"));
    }

    @Test
    void badLinesAreNamedByNumber() throws IOException {
        Path noEquals = writeText("no-equals.txt", withChecksum("cbir.manifest = 1\nok = 1\nthis line is wrong\n"));
        assertMessageNames(noEquals, assertThrows(CorruptFileException.class, () -> Manifest.read(noEquals)),
                "line 3: expected 'key = value'");
        Path badKey = writeText("bad-key.txt", withChecksum("cbir.manifest = 1\n# c\nBad Key = 1\n"));
        assertMessageNames(badKey, assertThrows(CorruptFileException.class, () -> Manifest.read(badKey)),
                "line 3: illegal key 'Bad Key'");
        Path duplicate = writeText("duplicate.txt", withChecksum("cbir.manifest = 1\na = 1\nb = 2\na = 3\n"));
        assertMessageNames(duplicate, assertThrows(CorruptFileException.class, () -> Manifest.read(duplicate)),
                "line 4: duplicate key 'a' (first on line 2)");
        Path reserved = writeText("reserved.txt", withChecksum("cbir.manifest = 1\nchecksum = 0\n"));
        assertMessageNames(reserved, assertThrows(CorruptFileException.class, () -> Manifest.read(reserved)),
                "line 2: key 'checksum' is reserved");
        Path control = writeText("control.txt", withChecksum("cbir.manifest = 1\na = x\ty\n"));
        assertMessageNames(control, assertThrows(CorruptFileException.class, () -> Manifest.read(control)),
                "line 2: value of 'a' holds a line break or control character");
        Path notManifest = writeText("other.txt", "hello world\nchecksum = 0\n");
        assertMessageNames(notManifest, assertThrows(CorruptFileException.class, () -> Manifest.read(notManifest)),
                "line 1: a cbir manifest starts with 'cbir.manifest = <version>'");
    }

    @Test
    void tamperedValueIsAChecksumError() throws IOException {
        Path file = dir.resolve("manifest.txt");
        sample().write(file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replace("radius = 2", "radius = 3"), StandardCharsets.UTF_8);
        assertMessageNames(file, assertThrows(CorruptFileException.class, () -> Manifest.read(file)),
                "line 11: checksum mismatch");
    }

    @Test
    void missingChecksumOrTruncationIsCorruption() throws IOException {
        String text = Files.readString(writeSample(), StandardCharsets.UTF_8);
        String withoutChecksum = text.substring(0, text.indexOf("checksum ="));
        Path noChecksum = writeText("no-checksum.txt", withoutChecksum);
        assertMessageNames(noChecksum, assertThrows(CorruptFileException.class, () -> Manifest.read(noChecksum)),
                "the last line must be 'checksum = <crc32 in hex>'");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path truncated = dir.resolve("truncated.txt");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(truncated, java.util.Arrays.copyOf(bytes, length));
            CorruptFileException e = assertThrows(CorruptFileException.class, () -> Manifest.read(truncated));
            assertEquals(truncated, e.file());
        }
    }

    @Test
    void newerFormatIsAFormatVersionError() throws IOException {
        Path file = writeText("newer.txt", withChecksum("cbir.manifest = 2\na = 1\n"));
        FormatVersionException e = assertThrows(FormatVersionException.class, () -> Manifest.read(file));
        assertEquals(2, e.found());
        assertMessageNames(file, e, "format version 2 is not supported (this release reads version 1)");
    }

    @Test
    void requireNamesTheFileKeyAndLine() throws IOException {
        Path file = writeText("typed.txt", withChecksum("cbir.manifest = 1\n# x\ndimension = many\n"));
        Manifest manifest = Manifest.read(file);
        assertMessageNames(file, assertThrows(CorruptFileException.class, () -> manifest.require("count")),
                "no entry 'count'");
        assertMessageNames(file, assertThrows(CorruptFileException.class, () -> manifest.requireInt("dimension")),
                "line 3: entry 'dimension' = 'many' is not a 32-bit integer");
        assertMessageNames(file, assertThrows(CorruptFileException.class, () -> manifest.requireLong("dimension")),
                "line 3: entry 'dimension' = 'many' is not a 64-bit integer");
    }

    @Test
    void builderRejectsWhatAManifestCannotHold() {
        Manifest.Builder builder = Manifest.builder().put("a", "1");
        assertThrows(IllegalArgumentException.class, () -> builder.put("a", "2"));
        assertThrows(IllegalArgumentException.class, () -> builder.put("Upper", "1"));
        assertThrows(IllegalArgumentException.class, () -> builder.put("", "1"));
        assertThrows(IllegalArgumentException.class, () -> builder.put("checksum", "1"));
        assertThrows(IllegalArgumentException.class, () -> builder.put("cbir.manifest", "1"));
        assertThrows(IllegalArgumentException.class, () -> builder.put("b", "two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> builder.put("b", " padded"));
        assertThrows(IllegalArgumentException.class, () -> builder.comment("two\nlines"));
        assertEquals(Map.of("a", "1"), builder.build().entries());
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFile() throws IOException {
        Path file = writeSample();
        Manifest.builder().put("replaced", "yes").build().write(file);
        assertEquals(Map.of("replaced", "yes"), Manifest.read(file).entries());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    private Path writeSample() throws IOException {
        Path file = dir.resolve("sample.txt");
        sample().write(file);
        return file;
    }
}
