package org.cbir.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.cbir.core.internal.math.ArrayLengths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, item 3: images that declare too many pixels are refused before decoding; no size overflows. */
class PixelBudgetTest {
    @TempDir
    Path dir;

    /** A grey 8-bit PNG that declares {@code width x height} pixels but holds only its first rows (a few KB). */
    static Path declaredPng(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 0, 0, 0, 0});
        chunk(out, "IHDR", header.toByteArray());
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(pixels, new Deflater(9))) {
            z.write(new byte[(int) Math.min((long) (width + 1) * 2, 1 << 20)]);
        }
        chunk(out, "IDAT", pixels.toByteArray());
        chunk(out, "IEND", new byte[0]);
        Files.write(file, png.toByteArray());
        return file;
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    @Test
    void aDecompressionBombIsRefusedFromItsDeclaredSize() throws IOException {
        for (int[] size : new int[][] {{20_000, 20_000}, {400_000_000, 1}, {1, 400_000_000}}) {
            Path bomb = declaredPng(dir.resolve("bomb-" + size[0] + "x" + size[1] + ".png"), size[0], size[1]);
            assertTrue(Files.size(bomb) < 2_000_000, "a small file");
            ImageReadException e = assertThrows(ImageReadException.class, () -> Images.read(bomb));
            assertTrue(e.getMessage().startsWith(bomb.toString()) && e.getMessage().contains("pixel budget"),
                    e.getMessage());
        }
    }

    @Test
    void theBudgetIsConfigurable() throws IOException {
        Path small = declaredPng(dir.resolve("small.png"), 100, 2);
        long original = Images.maxPixels();
        try {
            Images.setMaxPixels(199);
            assertThrows(ImageReadException.class, () -> Images.read(small));
            Images.setMaxPixels(200);
            assertEquals(100, Images.read(small).width());
        } finally {
            Images.setMaxPixels(original);
        }
        assertThrows(IllegalArgumentException.class, () -> Images.setMaxPixels(0));
    }

    @Test
    void arrayLengthsNeverOverflow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayLengths.of("LBP neighbour rows", 8, 400_000_000));
        assertTrue(e.getMessage().startsWith("LBP neighbour rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ArrayLengths.of("x", 65_536, 65_536, 1));
        assertThrows(IllegalArgumentException.class, () -> ArrayLengths.of("x", 1 << 20, 1 << 20, 0 + 3));
        assertEquals(6, ArrayLengths.of("x", 1, 2, 3));
        assertEquals(0, ArrayLengths.of("x", 0, Integer.MAX_VALUE, Integer.MAX_VALUE));
    }
}
