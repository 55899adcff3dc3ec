package org.cbir.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a read can fail gives an {@link ImageReadException} whose message names the file. */
class ImagesErrorTest {
    @TempDir
    Path dir;

    private ImageReadException failure(Path file) {
        ImageReadException e = assertThrows(ImageReadException.class, () -> Images.read(file));
        assertEquals(file, e.path());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    @Test
    void missingFile() {
        ImageReadException e = failure(dir.resolve("nothing-here.png"));
        assertFalse(e instanceof UnsupportedImageFormatException);
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void directory() {
        ImageReadException e = failure(dir);
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        ImageReadException e = failure(empty);
        assertFalse(e instanceof UnsupportedImageFormatException);
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void truncatedPng() throws IOException {
        byte[] png = Files.readAllBytes(SampleTable.fixtures("files").resolve("rgb16.png"));
        Path truncated = Files.write(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        ImageReadException e = failure(truncated);
        assertFalse(e instanceof UnsupportedImageFormatException);
        assertTrue(e.getMessage().contains("corrupt or truncated PNG"), e.getMessage());
    }

    @Test
    void truncatedJpegIsRefusedNotFilledWithGrey() throws IOException {
        BufferedImage noise = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                noise.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        Path full = dir.resolve("noise.jpg");
        assertTrue(ImageIO.write(noise, "jpeg", full.toFile()));
        byte[] jpeg = Files.readAllBytes(full);
        Path truncated = Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
        ImageReadException e = failure(truncated);
        assertTrue(e.getMessage().contains("truncated JPEG"), e.getMessage());
    }

    @Test
    void garbageBytesAreAnUnsupportedFormat() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        garbage[0] = (byte) 0xA5; // not 0: a leading zero byte could pass for a WBMP header
        Path file = Files.write(dir.resolve("garbage.png"), garbage);
        ImageReadException e = failure(file);
        assertTrue(e instanceof UnsupportedImageFormatException, e.toString());
        assertTrue(e.getMessage().contains("not a PNG, JPEG, TIFF, BMP or GIF image"), e.getMessage());
    }

    @Test
    void textFileNamedPngIsAnUnsupportedFormat() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.png"), "This is not an image.\n", StandardCharsets.UTF_8);
        assertTrue(failure(file) instanceof UnsupportedImageFormatException);
    }

    @Test
    void wbmpIsRecognisedButRefused() throws IOException {
        BufferedImage bits = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_BINARY);
        Path file = dir.resolve("bits.wbmp");
        assertTrue(ImageIO.write(bits, "wbmp", file.toFile()));
        ImageReadException e = failure(file);
        assertTrue(e instanceof UnsupportedImageFormatException, e.toString());
        assertTrue(e.getMessage().contains("wbmp"), e.getMessage());
    }
}
