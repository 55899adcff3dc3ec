package org.cbir.core.internal.io;

import static org.cbir.core.internal.io.ChecksummedFilesTest.assertMessageNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.cbir.core.io.CorruptFileException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every truncation and every single-bit flip of a small file is refused, never parsed as garbage. */
class CorruptionTest {
    private static final float[] VALUES = {1f, -2.5f, 3.25f};
    private static final String LABEL = "µCT";

    @TempDir
    Path dir;
    private byte[] original;

    /** The parsed body of the sample file. */
    private record Sample(float[] values, String label, long id) {
    }

    @BeforeEach
    void writeSample() throws IOException {
        Path file = dir.resolve("original.bin");
        ChecksummedFiles.write(file, "sample", 1, out -> {
            ChecksummedFiles.writeFloats(out, VALUES);
            ChecksummedFiles.writeString(out, LABEL);
            out.writeLong(99L);
        });
        original = Files.readAllBytes(file);
        Sample sample = read(file);
        assertArrayEquals(VALUES, sample.values());
        assertEquals(LABEL, sample.label());
    }

    @Test
    void everyTruncationIsCorruption() throws IOException {
        // header 4+4+6+4+16 = 34, body 4+12 + 4+4 + 8 = 32, footer 12
        assertEquals(78, original.length);
        Path file = dir.resolve("truncated.bin");
        for (int length = 0; length < original.length; length++) {
            Files.write(file, Arrays.copyOf(original, length));
            int cut = length;
            CorruptFileException e = assertThrows(CorruptFileException.class, () -> read(file),
                    () -> "truncated to " + cut + " bytes");
            assertEquals(file, e.file());
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        }
    }

    @Test
    void everyFlippedBitIsCorruption() throws IOException {
        Path file = dir.resolve("flipped.bin");
        for (int position = 0; position < original.length; position++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = original.clone();
                damaged[position] ^= (byte) (1 << bit);
                Files.write(file, damaged);
                int at = position;
                int b = bit;
                CorruptFileException e = assertThrows(CorruptFileException.class, () -> read(file),
                        () -> "bit " + b + " of byte " + at + " flipped");
                assertEquals(file, e.file());
                assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            }
        }
    }

    @Test
    void flippedBitsInEachRegionGetTheirOwnExplanation() throws IOException {
        assertMessageNames(damage(0), assertThrows(CorruptFileException.class, () -> read(damage(0))), "not a cbir data file");
        assertMessageNames(damage(10), assertThrows(CorruptFileException.class, () -> read(damage(10))), "not the expected 'sample'");
        assertMessageNames(damage(30), assertThrows(CorruptFileException.class, () -> read(damage(30))), "checksum mismatch");
        // a flip in the version field is corruption, not a format-version error
        CorruptFileException version = assertThrows(CorruptFileException.class, () -> read(damage(17)));
        assertMessageNames(damage(17), version, "checksum mismatch");
        assertTrue(version.getMessage().contains("also claims format version 0"), version.getMessage());
        assertMessageNames(damage(original.length - 12), assertThrows(CorruptFileException.class,
                () -> read(damage(original.length - 12))), "no valid footer");
        assertMessageNames(damage(original.length - 8), assertThrows(CorruptFileException.class,
                () -> read(damage(original.length - 8))), "illegal CRC-32 value");
    }

    @Test
    void trailingGarbageIsCorruption() throws IOException {
        Path file = dir.resolve("trailing.bin");
        for (int extra : new int[] {1, 8, 12, 100}) {
            byte[] longer = Arrays.copyOf(original, original.length + extra);
            Files.write(file, longer);
            assertMessageNames(file, assertThrows(CorruptFileException.class, () -> read(file)), "no valid footer");
        }
        // a copy of the footer appended: the footer magic is where it belongs, the CRC is not
        byte[] twoFooters = Arrays.copyOf(original, original.length + 12);
        System.arraycopy(original, original.length - 12, twoFooters, original.length, 12);
        Files.write(file, twoFooters);
        assertMessageNames(file, assertThrows(CorruptFileException.class, () -> read(file)), "checksum mismatch");
    }

    @Test
    void trailingBytesWithAForgedValidFooterAreStillRefused() throws IOException {
        // append 4 bytes and a footer whose CRC covers them: header and checksum pass, the body is too long
        ByteBuffer forged = ByteBuffer.allocate(original.length + 4);
        forged.put(original, 0, original.length - 12).putInt(0xDEADBEEF).putInt(ChecksummedFiles.FOOTER_MAGIC);
        CRC32 crc = new CRC32();
        crc.update(forged.array(), 0, forged.position());
        forged.putLong(crc.getValue());
        Path file = dir.resolve("forged.bin");
        Files.write(file, forged.array());
        assertMessageNames(file, assertThrows(CorruptFileException.class, () -> read(file)), "4 bytes after what its reader read");
    }

    private Path damage(int position) throws IOException {
        byte[] damaged = original.clone();
        damaged[position] ^= 0x01;
        Path file = dir.resolve("damaged-at-" + position + ".bin");
        Files.write(file, damaged);
        return file;
    }

    private static Sample read(Path file) throws IOException {
        return ChecksummedFiles.read(file, "sample", 1, 1, (in, version) -> new Sample(
                ChecksummedFiles.readFloats(in), ChecksummedFiles.readString(in), in.readLong()));
    }
}
