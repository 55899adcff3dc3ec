package org.cbir.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Validation, immutability and equality of {@link Image}. */
class ImageTest {

    private static String failure(Runnable construction) {
        return assertThrows(IllegalArgumentException.class, construction::run).getMessage();
    }

    @Test
    void rejectsNonFiniteSamples() {
        assertTrue(failure(() -> Image.grey(2, 1, new float[] {0f, Float.NaN})).contains("NaN"));
        assertTrue(failure(() -> Image.grey(1, 1, new float[] {Float.POSITIVE_INFINITY})).contains("finite"));
    }

    @Test
    void rejectsAnArrayOfTheWrongLength() {
        String message = failure(() -> Image.of(3, 2, 3, SampleDepth.UINT8, new float[17]));
        assertTrue(message.contains("3x2x3") && message.contains("18") && message.contains("17"), message);
    }

    @Test
    void rejectsTwoChannels() {
        String message = failure(() -> Image.of(2, 2, 2, SampleDepth.UINT8, new float[8]));
        assertTrue(message.contains("channels") && message.contains("2"), message);
    }

    @Test
    void rejectsEmptySizes() {
        assertTrue(failure(() -> Image.of(0, 3, 1, SampleDepth.UINT8, new float[0])).contains("0x3"));
        assertTrue(failure(() -> Image.of(3, -1, 1, SampleDepth.UINT8, new float[0])).contains("3x-1"));
    }

    @Test
    void rejectsNullArguments() {
        assertThrows(NullPointerException.class, () -> Image.of(1, 1, 1, null, new float[1]));
        assertThrows(NullPointerException.class, () -> Image.of(1, 1, 1, SampleDepth.UINT8, null));
    }

    @Test
    void copiesTheCallersArrayAndReturnsCopies() {
        float[] samples = {1, 2, 3, 4};
        Image image = Image.of(2, 2, 1, SampleDepth.UINT8, samples);
        samples[0] = 99;
        assertEquals(1f, image.sample(0, 0, 0));
        image.samples()[1] = 99;
        assertEquals(2f, image.sample(1, 0, 0));
    }

    @Test
    void sampleIsRowMajorWithInterleavedChannels() {
        // 2x2 RGB: pixel (x, y) holds 100*y + 10*x + c
        float[] s = {0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112};
        Image image = Image.of(2, 2, 3, SampleDepth.UINT8, s);
        assertEquals(112f, image.sample(1, 1, 2));
        assertEquals(101f, image.sample(0, 1, 1));
        assertEquals(10f, image.sample(1, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> image.sample(2, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> image.sample(0, 0, 3));
    }

    @Test
    void equalityComparesSizeChannelsDepthAndSamples() {
        Image a = Image.of(2, 1, 1, SampleDepth.UINT8, new float[] {1, 2});
        Image same = Image.of(2, 1, 1, SampleDepth.UINT8, new float[] {1, 2});
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertNotEquals(a, Image.of(2, 1, 1, SampleDepth.UINT16, new float[] {1, 2}));
        assertNotEquals(a, Image.of(1, 2, 1, SampleDepth.UINT8, new float[] {1, 2}));
        assertNotEquals(a, Image.of(2, 1, 1, SampleDepth.UINT8, new float[] {1, 3}));
        assertNotEquals(a, null);
        assertEquals("Image[2x1, grey, UINT8]", a.toString());
    }
}
