package org.cbir.core.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.FormatVersionException;
import org.cbir.core.io.InvalidFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksummedFilesTest {
    @TempDir
    Path dir;

    /** The grammar worked by hand: header, body, footer magic, CRC-32 of all preceding bytes. */
    @Test
    void writesExactlyTheDocumentedGrammar() throws IOException {
        Path file = dir.resolve("small.bin");
        ChecksummedFiles.write(file, "pca", 3, out -> {
            out.writeInt(7);
            out.writeFloat(1.5f);
        });

        ByteBuffer expected = ByteBuffer.allocate(4 + 4 + 3 + 4 + 16 + 8 + 4 + 8);
        byte[] written = Files.readAllBytes(file);
        SaveId id = ChecksummedFiles.saveId(file, "pca"); // random: written outside a save scope
        expected.putInt(0x43424932).putInt(3).put("pca".getBytes(StandardCharsets.US_ASCII)).putInt(3);
        expected.putLong(id.high()).putLong(id.low());
        expected.putInt(7).putFloat(1.5f);
        expected.putInt(0xBCBDB6CD);
        CRC32 crc = new CRC32();
        crc.update(expected.array(), 0, expected.position());
        expected.putLong(crc.getValue());
        assertArrayEquals(expected.array(), written);
    }

    /** Header of codec "pad" (3 + 12 + 16 = 31 bytes), 5 body bytes, then zeros up to byte 64, then an int there. */
    @Test
    void paddingAlignsTheNextByteToAMultipleFromTheFileStartAndIsCheckedOnRead() throws IOException {
        Path file = dir.resolve("padded.bin");
        ChecksummedFiles.write(file, "pad", 1, out -> {
            out.write(new byte[] {1, 2, 3, 4, 5});
            ChecksummedFiles.writePadding(out, 64);
            out.writeInt(0x01020304);
        });
        byte[] written = Files.readAllBytes(file);
        assertEquals(64 + 4 + 12, written.length);
        assertEquals(0x01020304, ByteBuffer.wrap(written, 64, 4).getInt());
        for (int i = 31 + 5; i < 64; i++) {
            assertEquals(0, written[i], "padding byte " + i);
        }
        long at = ChecksummedFiles.read(file, "pad", 1, 1, (in, version) -> {
            assertEquals(31, ChecksummedFiles.position(in));
            in.readFully(new byte[5]);
            ChecksummedFiles.readPadding(in, 64);
            long position = ChecksummedFiles.position(in);
            assertEquals(0x01020304, in.readInt());
            return position;
        });
        assertEquals(64, at);
        // a non-zero byte where the padding should be
        ChecksummedFiles.write(file, "pad", 1, out -> {
            out.write(new byte[] {1, 2, 3, 4, 5});
            out.write(new byte[27]);
            out.write(9);
            out.writeInt(0x01020304);
        });
        assertThrows(CorruptFileException.class, () -> ChecksummedFiles.read(file, "pad", 1, 1, (in, version) -> {
            in.readFully(new byte[5]);
            ChecksummedFiles.readPadding(in, 64);
            return in.readInt();
        }));
        assertThrows(IllegalArgumentException.class, () -> ChecksummedFiles.write(file, "pad", 1,
                out -> ChecksummedFiles.writePadding(out, 48)));
    }

    @Test
    void roundTripsAnEmptyBody() throws IOException {
        Path file = dir.resolve("empty.bin");
        ChecksummedFiles.write(file, "empty", 0, out -> { });
        assertEquals(4 + 4 + 5 + 4 + 16 + 12, Files.size(file));
        String result = ChecksummedFiles.read(file, "empty", 0, 0, (in, version) -> "read version " + version);
        assertEquals("read version 0", result);
    }

    @Test
    void roundTripsMixedValuesAndPassesTheVersion() throws IOException {
        Path file = dir.resolve("mixed.bin");
        ChecksummedFiles.write(file, "mixed", 2, out -> {
            out.writeInt(-42);
            out.writeLong(Long.MIN_VALUE);
            out.writeDouble(Math.PI);
            ChecksummedFiles.writeInts(out, new int[] {3, -1, Integer.MAX_VALUE});
            ChecksummedFiles.writeLongs(out, new long[] {Long.MAX_VALUE, 0, -7});
            ChecksummedFiles.writeDoubles(out, new double[] {Double.NaN, -0.0, 1e-300});
            ChecksummedFiles.writeFloats(out, new float[0]);
            ChecksummedFiles.writeBytes(out, new byte[] {-128, 0, 127, -1});
            out.close(); // closing the body stream only flushes it
        });
        List<Object> values = ChecksummedFiles.read(file, "mixed", 1, 2, (in, version) -> List.of(
                in.readInt(), in.readLong(), in.readDouble(),
                ChecksummedFiles.readInts(in), ChecksummedFiles.readLongs(in), ChecksummedFiles.readDoubles(in),
                ChecksummedFiles.readFloats(in), version, ChecksummedFiles.readBytes(in)));
        assertEquals(-42, values.get(0));
        assertEquals(Long.MIN_VALUE, values.get(1));
        assertEquals(Math.PI, values.get(2));
        assertArrayEquals(new int[] {3, -1, Integer.MAX_VALUE}, (int[]) values.get(3));
        assertArrayEquals(new long[] {Long.MAX_VALUE, 0, -7}, (long[]) values.get(4));
        assertArrayEquals(new double[] {Double.NaN, -0.0, 1e-300}, (double[]) values.get(5));
        assertEquals(0, ((float[]) values.get(6)).length);
        assertEquals(2, values.get(7));
        assertArrayEquals(new byte[] {-128, 0, 127, -1}, (byte[]) values.get(8));
    }

    @Test
    void roundTripsAMillionFloatsBitForBit() throws IOException {
        Random random = new Random(20240611L);
        float[] values = new float[1_000_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian() * 1000f;
        }
        values[0] = Float.NaN;
        values[1] = -0.0f;
        values[2] = Float.NEGATIVE_INFINITY;
        values[3] = Float.MIN_VALUE;
        Path file = dir.resolve("floats.bin");
        ChecksummedFiles.write(file, "vectors", 1, out -> ChecksummedFiles.writeFloats(out, values));

        assertEquals(4 + 4 + 7 + 4 + 16 + 4 + 4L * values.length + 12, Files.size(file));
        float[] read = ChecksummedFiles.read(file, "vectors", 1, 1, (in, version) -> ChecksummedFiles.readFloats(in));
        assertEquals(values.length, read.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(read[i]), () -> "element");
        }
        // big-endian, as DataOutputStream writes them: element 4 starts at header 35 + count 4 + 16
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file));
        assertEquals(values.length, raw.getInt(35));
        assertEquals(Float.floatToRawIntBits(values[4]), raw.getInt(35 + 4 + 16));
    }

    @Test
    void roundTripsStringsWithNonAsciiNullEmptyAndOver64KiB() throws IOException {
        String longString = "é".repeat(70_000); // 140,000 UTF-8 bytes: beyond writeUTF's 64 KB limit
        List<String> strings = java.util.Arrays.asList("plain", "", null, "Ångström µCT 中文 \uD83D\uDD2C", longString);
        Path file = dir.resolve("strings.bin");
        ChecksummedFiles.write(file, "strings", 1, out -> {
            for (String s : strings) {
                ChecksummedFiles.writeString(out, s);
            }
        });
        List<String> read = ChecksummedFiles.read(file, "strings", 1, 1, (in, version) -> {
            List<String> result = new java.util.ArrayList<>();
            for (int i = 0; i < strings.size(); i++) {
                result.add(ChecksummedFiles.readString(in));
            }
            return result;
        });
        assertEquals(strings, read);
        assertNull(read.get(2));
    }

    @Test
    void stringLayoutIsLengthPrefixedUtf8WithMinusOneForNull() throws IOException {
        Path file = dir.resolve("layout.bin");
        ChecksummedFiles.write(file, "s", 1, out -> {
            ChecksummedFiles.writeString(out, "µ");
            ChecksummedFiles.writeString(out, null);
        });
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file));
        int body = 4 + 4 + 1 + 4 + 16;
        assertEquals(2, raw.getInt(body));
        assertEquals((byte) 0xC2, raw.get(body + 4));
        assertEquals((byte) 0xB5, raw.get(body + 5));
        assertEquals(-1, raw.getInt(body + 6));
    }

    @Test
    void refusesAStringThatIsNotUnicode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                ChecksummedFiles.write(dir.resolve("bad.bin"), "s", 1, out -> ChecksummedFiles.writeString(out, "a\uD800b")));
        assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
        assertNoTemporaryFiles();
    }

    @Test
    void failingWriterLeavesThePreviousFileIntactAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("kept.bin");
        ChecksummedFiles.write(file, "kept", 1, out -> out.writeInt(1234));
        byte[] before = Files.readAllBytes(file);

        IOException io = assertThrows(IOException.class, () -> ChecksummedFiles.write(file, "kept", 1, out -> {
            out.write(new byte[200_000]);
            throw new IOException("disk full (simulated)");
        }));
        assertEquals(file.toAbsolutePath() + ": cannot write it (disk full (simulated))", io.getMessage());
        assertThrows(IllegalStateException.class, () -> ChecksummedFiles.write(file, "kept", 1, out -> {
            throw new IllegalStateException("bug in a writer (simulated)");
        }));

        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(1234, (int) ChecksummedFiles.read(file, "kept", 1, 1, (in, v) -> in.readInt()));
        assertNoTemporaryFiles();
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path file = dir.resolve("replaced.bin");
        ChecksummedFiles.write(file, "r", 1, out -> out.writeInt(1));
        ChecksummedFiles.write(file, "r", 1, out -> out.writeInt(2));
        assertEquals(2, (int) ChecksummedFiles.read(file, "r", 1, 1, (in, v) -> in.readInt()));
        assertNoTemporaryFiles();
    }

    @Test
    void wrongCodecIsCorruptionNamingBothCodecsAndTheFile() throws IOException {
        Path file = dir.resolve("index.bin");
        ChecksummedFiles.write(file, "lsh-forest", 1, out -> out.writeInt(1));
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> ChecksummedFiles.read(file, "pca", 1, 1, (in, v) -> in.readInt()));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'lsh-forest'") && e.getMessage().contains("'pca'"), e.getMessage());
    }

    @Test
    void newerVersionIsAFormatVersionErrorWithFoundAndSupported() throws IOException {
        Path file = dir.resolve("newer.bin");
        ChecksummedFiles.write(file, "pca", 5, out -> out.writeInt(1));
        FormatVersionException e = assertThrows(FormatVersionException.class,
                () -> ChecksummedFiles.read(file, "pca", 2, 3, (in, v) -> in.readInt()));
        assertEquals(5, e.found());
        assertEquals(2, e.minSupported());
        assertEquals(3, e.maxSupported());
        assertEquals("pca", e.codec());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("version 5") && e.getMessage().contains("versions 2 to 3"), e.getMessage());
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void olderVersionIsAFormatVersionError() throws IOException {
        Path file = dir.resolve("older.bin");
        ChecksummedFiles.write(file, "pca", 1, out -> out.writeInt(1));
        FormatVersionException e = assertThrows(FormatVersionException.class,
                () -> ChecksummedFiles.read(file, "pca", 2, 2, (in, v) -> in.readInt()));
        assertEquals(1, e.found());
        assertTrue(e.getMessage().contains("version 1") && e.getMessage().contains("reads version 2"), e.getMessage());
        assertTrue(e.getMessage().contains("older"), e.getMessage());
    }

    @Test
    void bodyReaderThatReadsTooMuchIsCorruption() throws IOException {
        Path file = dir.resolve("short-body.bin");
        ChecksummedFiles.write(file, "c", 1, out -> out.writeInt(1));
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> ChecksummedFiles.read(file, "c", 1, 1, (in, v) -> in.readLong()));
        assertMessageNames(file, e, "ends before its reader expects");
    }

    @Test
    void bodyReaderThatReadsTooLittleIsCorruption() throws IOException {
        Path file = dir.resolve("long-body.bin");
        ChecksummedFiles.write(file, "c", 1, out -> out.writeLong(1));
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> ChecksummedFiles.read(file, "c", 1, 1, (in, v) -> in.readInt()));
        assertMessageNames(file, e, "4 bytes after what its reader read");
    }

    @Test
    void arrayLengthLongerThanTheBodyIsCorruptionWithoutAllocating() throws IOException {
        Path file = dir.resolve("absurd.bin");
        ChecksummedFiles.write(file, "c", 1, out -> {
            out.writeInt(Integer.MAX_VALUE); // claims 2^31 floats, has none
            out.writeInt(0);
        });
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> ChecksummedFiles.read(file, "c", 1, 1, (in, v) -> ChecksummedFiles.readFloats(in)));
        assertMessageNames(file, e, "needs 8589934588 bytes but only 4 remain");
    }

    @Test
    void negativeLengthsAreCorruption() throws IOException {
        Path file = dir.resolve("negative.bin");
        ChecksummedFiles.write(file, "c", 1, out -> out.writeInt(-2));
        CorruptFileException floats = assertThrows(CorruptFileException.class,
                () -> ChecksummedFiles.read(file, "c", 1, 1, (in, v) -> ChecksummedFiles.readLongs(in)));
        assertMessageNames(file, floats, "negative length -2");
        CorruptFileException string = assertThrows(CorruptFileException.class,
                () -> ChecksummedFiles.read(file, "c", 1, 1, (in, v) -> ChecksummedFiles.readString(in)));
        assertMessageNames(file, string, "negative length -2");
    }

    @Test
    void invalidUtf8IsCorruption() throws IOException {
        Path file = dir.resolve("utf8.bin");
        ChecksummedFiles.write(file, "c", 1, out -> {
            out.writeInt(2);
            out.write(new byte[] {(byte) 0xC3, (byte) 0x28});
        });
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> ChecksummedFiles.read(file, "c", 1, 1, (in, v) -> ChecksummedFiles.readString(in)));
        assertMessageNames(file, e, "not valid UTF-8");
    }

    @Test
    void bodyThatDoesNotParseIsCorruption() throws IOException {
        Path file = dir.resolve("parse.bin");
        ChecksummedFiles.write(file, "c", 1, out -> out.writeInt(0));
        CorruptFileException thrown = assertThrows(CorruptFileException.class, () -> ChecksummedFiles.read(file, "c", 1, 1,
                (in, v) -> {
                    int dimension = in.readInt();
                    throw ChecksummedFiles.corrupt(in, "dimension " + dimension + " must be positive");
                }));
        assertMessageNames(file, thrown, "dimension 0 must be positive");
        CorruptFileException validated = assertThrows(CorruptFileException.class, () -> ChecksummedFiles.read(file, "c", 1,
                1, (in, v) -> {
                    int k = in.readInt();
                    throw new IllegalArgumentException("k must be >= 1, got " + k);
                }));
        assertMessageNames(file, validated, "does not parse: k must be >= 1, got 0");
    }

    @Test
    void otherIoErrorsOfABodyReaderNameTheFile() throws IOException {
        Path file = dir.resolve("io.bin");
        ChecksummedFiles.write(file, "c", 1, out -> { });
        IOException e = assertThrows(IOException.class, () -> ChecksummedFiles.read(file, "c", 1, 1, (in, v) -> {
            throw new IOException("network share went away (simulated)");
        }));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("went away"), e.getMessage());
    }

    @Test
    void missingFileAndDirectoryAreNamed() throws IOException {
        Path missing = dir.resolve("missing.bin");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> ChecksummedFiles.read(missing, "c", 1, 1, (in, v) -> null));
        assertEquals(missing.toString(), e.getFile());
        InvalidFileException d = assertThrows(InvalidFileException.class,
                () -> ChecksummedFiles.read(dir, "c", 1, 1, (in, v) -> null));
        assertMessageNames(dir, d, "is a directory");
    }

    @Test
    void writingIntoAMissingDirectoryNamesTheFile() {
        Path file = dir.resolve("absent").resolve("x.bin");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> ChecksummedFiles.write(file, "c", 1, out -> { }));
        assertEquals(file.toString(), e.getFile());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void rejectsInvalidArguments() {
        Path file = dir.resolve("args.bin");
        ChecksummedFiles.BodyWriter nothing = out -> { };
        assertThrows(IllegalArgumentException.class, () -> ChecksummedFiles.write(file, "", 1, nothing));
        assertThrows(IllegalArgumentException.class, () -> ChecksummedFiles.write(file, "has space", 1, nothing));
        assertThrows(IllegalArgumentException.class, () -> ChecksummedFiles.write(file, "x".repeat(128), 1, nothing));
        assertThrows(IllegalArgumentException.class, () -> ChecksummedFiles.write(file, "ok", -1, nothing));
        assertThrows(IllegalArgumentException.class, () -> ChecksummedFiles.read(file, "ok", 3, 2, (in, v) -> null));
        assertThrows(NullPointerException.class, () -> ChecksummedFiles.write(file, "ok", 1,
                out -> ChecksummedFiles.writeFloats(out, null)));
        assertNoTemporaryFiles();
    }

    static void assertMessageNames(Path file, InvalidFileException e, String problem) {
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), () -> "expected '" + problem + "' in: " + e.getMessage());
    }

    private void assertNoTemporaryFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> temporary = files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList();
            assertEquals(List.of(), temporary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
