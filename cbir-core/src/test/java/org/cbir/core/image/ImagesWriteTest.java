package org.cbir.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Images#write} round trips and {@link Images#toBufferedImage}'s scaling. */
class ImagesWriteTest {
    @TempDir
    Path dir;

    private static Image random(int w, int h, int channels, SampleDepth depth, long seed) {
        Random random = new Random(seed);
        float[] samples = new float[w * h * channels];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextInt((int) depth.maxValue() + 1);
        }
        samples[0] = 0;
        samples[samples.length - 1] = (float) depth.maxValue();
        return Image.of(w, h, channels, depth, samples);
    }

    /** PNG IHDR: bit depth at byte 24, colour type at byte 25 (0 grey, 2 RGB). */
    private static int[] bitDepthAndColourType(Path png) throws IOException {
        byte[] bytes = Files.readAllBytes(png);
        return new int[] {bytes[24] & 0xff, bytes[25] & 0xff};
    }

    @Test
    void eightAndSixteenBitImagesRoundTripExactly() throws IOException {
        record Case(Image image, int bitDepth, int colourType) { }
        List<Case> cases = List.of(
                new Case(random(7, 4, 1, SampleDepth.UINT8, 1), 8, 0),
                new Case(random(4, 7, 3, SampleDepth.UINT8, 2), 8, 2),
                new Case(random(6, 5, 1, SampleDepth.UINT16, 3), 16, 0),
                new Case(random(5, 6, 3, SampleDepth.UINT16, 4), 16, 2));
        for (Case c : cases) {
            Path file = dir.resolve("round-trip.png");
            Images.write(c.image(), file);
            assertArrayEquals(new int[] {c.bitDepth(), c.colourType()}, bitDepthAndColourType(file), c.image().toString());
            assertEquals(c.image(), Images.read(file), c.image().toString());
        }
    }

    @Test
    void samplesAreRoundedAndClampedToTheDepth() throws IOException {
        Image uint8 = Image.of(5, 1, 1, SampleDepth.UINT8, new float[] {12.4f, 12.6f, 300f, -3f, 254.5f});
        Path file = dir.resolve("clamped.png");
        Images.write(uint8, file);
        assertEquals(Image.of(5, 1, 1, SampleDepth.UINT8, new float[] {12, 13, 255, 0, 255}), Images.read(file));

        Image uint16 = Image.of(3, 1, 1, SampleDepth.UINT16, new float[] {70000f, 1000.5f, -1f});
        Images.write(uint16, file);
        assertEquals(Image.of(3, 1, 1, SampleDepth.UINT16, new float[] {65535, 1001, 0}), Images.read(file));
    }

    @Test
    void floatImagesAreWrittenAsEightBitAfterClampingToZeroOne() throws IOException {
        Image floats = Image.of(6, 1, 1, SampleDepth.FLOAT, new float[] {-0.5f, 0f, 0.5f, 0.2f, 1f, 2f});
        Path file = dir.resolve("float.png");
        Images.write(floats, file);
        assertArrayEquals(new int[] {8, 0}, bitDepthAndColourType(file));
        // 0.5 * 255 = 127.5 -> 128; 0.2 * 255 = 51
        assertEquals(Image.of(6, 1, 1, SampleDepth.UINT8, new float[] {0, 0, 128, 51, 255, 255}), Images.read(file));
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("result.png");
        Files.writeString(file, "old content");
        Image image = random(3, 3, 1, SampleDepth.UINT8, 5);
        Images.write(image, file);
        assertEquals(image, Images.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writeRefusesANameThatIsNotPng() {
        Image image = random(2, 2, 1, SampleDepth.UINT8, 6);
        Path jpg = dir.resolve("image.jpg");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Images.write(image, jpg));
        assertTrue(e.getMessage().contains(jpg.toString()), e.getMessage());
    }

    @Test
    void writeIntoAMissingFolderFailsNamingIt() {
        Image image = random(2, 2, 1, SampleDepth.UINT8, 7);
        Path missing = dir.resolve("no-such-folder");
        IOException e = assertThrows(NoSuchFileException.class, () -> Images.write(image, missing.resolve("a.png")));
        assertTrue(e.getMessage().contains("no-such-folder"), e.getMessage());
    }

    @Test
    void toBufferedImageScalesEachDepthToEightBits() {
        // hand-worked: 32768 / 65535 * 255 = 127.502 -> 128; 1000 / 65535 * 255 = 3.89 -> 4
        BufferedImage grey16 = Images.toBufferedImage(
                Image.of(4, 1, 1, SampleDepth.UINT16, new float[] {0, 1000, 32768, 65535}));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, grey16.getType());
        assertArrayEquals(new int[] {0, 4, 128, 255}, grey16.getRaster().getSamples(0, 0, 4, 1, 0, (int[]) null));

        BufferedImage grey8 = Images.toBufferedImage(Image.of(3, 1, 1, SampleDepth.UINT8, new float[] {0, 77, 255}));
        assertArrayEquals(new int[] {0, 77, 255}, grey8.getRaster().getSamples(0, 0, 3, 1, 0, (int[]) null));

        BufferedImage floats = Images.toBufferedImage(Image.grey(4, 1, new float[] {-1f, 0.5f, 0.25f, 3f}));
        assertArrayEquals(new int[] {0, 128, 64, 255}, floats.getRaster().getSamples(0, 0, 4, 1, 0, (int[]) null));

        BufferedImage rgb = Images.toBufferedImage(
                Image.of(2, 1, 3, SampleDepth.UINT16, new float[] {65535, 0, 32768, 257, 514, 771}));
        assertEquals(BufferedImage.TYPE_INT_RGB, rgb.getType());
        assertEquals(0xff0080, rgb.getRGB(0, 0) & 0xffffff);
        assertEquals(0x010203, rgb.getRGB(1, 0) & 0xffffff);
    }

    @Test
    void eightBitImagesRoundTripThroughBufferedImage() {
        Image grey = random(5, 4, 1, SampleDepth.UINT8, 8);
        Image rgb = random(4, 5, 3, SampleDepth.UINT8, 9);
        assertEquals(grey, Images.fromBufferedImage(Images.toBufferedImage(grey)));
        assertEquals(rgb, Images.fromBufferedImage(Images.toBufferedImage(rgb)));
    }

    @Test
    void fromBufferedImageReadsPackedAndByteOrderedRgb() {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR}) {
            BufferedImage buffered = new BufferedImage(2, 1, type);
            buffered.setRGB(0, 0, 0xff102030);
            buffered.setRGB(1, 0, 0xffa0b0c0);
            Image image = Images.fromBufferedImage(buffered);
            assertEquals(Image.of(2, 1, 3, SampleDepth.UINT8, new float[] {0x10, 0x20, 0x30, 0xa0, 0xb0, 0xc0}), image,
                    "type " + type);
        }
    }

    @Test
    void fromBufferedImageRefusesThirtyTwoBitIntegerSamples() {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                new int[] {32}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_INT);
        BufferedImage buffered = new BufferedImage(model, model.createCompatibleWritableRaster(2, 2), false, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Images.fromBufferedImage(buffered));
        assertTrue(e.getMessage().contains("32-bit"), e.getMessage());
    }
}
