package org.cbir.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads files written by independent tools (Pillow, tifffile, a PNG encoder written from the
 * specification; see {@code tools/image_fixtures.py}) and checks every sample exactly.
 */
class ImagesReadTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "grey8.png", "grey8_alpha.png", "rgb8.png", "rgba8.png", "palette.png", "palette_grey.png",
        "grey16.png", "grey16_alpha.png", "rgb16.png", "rgba16.png", "grey1.png", "grey2.png", "grey4.png",
        "grey8.tif", "grey16.tif", "grey16_be_deflate.tif", "rgb8.tif", "rgb16.tif", "grey32f.tif",
        "rgb8.bmp", "grey8.bmp", "palette.gif"})
    void readsEverySampleExactly(String name) throws Exception {
        Image expected = SampleTable.load("files/" + name + ".expected.txt");
        Image actual = Images.read(SampleTable.fixtures("files").resolve(name));
        assertEquals(expected, actual, name + ": " + actual);
    }

    @Test
    void sixteenBitFilesKeepTheFullRange() throws Exception {
        for (String name : new String[] {"grey16.png", "grey16.tif", "grey16_be_deflate.tif"}) {
            Image image = Images.read(SampleTable.fixtures("files").resolve(name));
            assertEquals(SampleDepth.UINT16, image.depth(), name);
            assertEquals(1, image.channels(), name);
            // the fixture puts 0, 65535 and 257 in the first three pixels
            assertEquals(0f, image.sample(0, 0, 0), name);
            assertEquals(65535f, image.sample(1, 0, 0), name);
            assertEquals(257f, image.sample(2, 0, 0), name);
        }
    }

    @Test
    void lowBitGreyIsScaledToTheEightBitRange() throws Exception {
        for (String name : new String[] {"grey1.png", "grey2.png", "grey4.png"}) {
            Image image = Images.read(SampleTable.fixtures("files").resolve(name));
            assertEquals(SampleDepth.UINT8, image.depth(), name);
            assertTrue(image.isGrey(), name);
            // the fixture puts 0 in the first pixel and the largest level in the last
            assertEquals(0f, image.sample(0, 0, 0), name);
            assertEquals(255f, image.sample(image.width() - 1, image.height() - 1, 0), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rgb.jpg", "grey.jpg"})
    void jpegMatchesAnotherDecoderWithinTwoLevels(String name) throws Exception {
        Image expected = SampleTable.load("files/" + name + ".expected.txt");
        Image actual = Images.read(SampleTable.fixtures("files").resolve(name));
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertEquals(expected.channels(), actual.channels());
        assertEquals(SampleDepth.UINT8, actual.depth());
        float[] e = expected.samples();
        float[] a = actual.samples();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 2f, name + " sample " + i);
        }
    }

    @Test
    void formatIsRecognisedFromContentNotName(@TempDir Path dir) throws Exception {
        Path misnamed = dir.resolve("really-a-tiff.png");
        Files.copy(SampleTable.fixtures("files").resolve("grey16.tif"), misnamed);
        assertEquals(SampleTable.load("files/grey16.tif.expected.txt"), Images.read(misnamed));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "fibers_small/database/no_fibers/nf_133_259_60.tif",
        "gisaxs/database/bcc/bcc_100_Xs105_Ys105_Zs33_Na12_Nb12_Nc12__20160928_212133.png"})
    void readsPycbirSamplesAsScikitImageDoes(String relative) throws Exception {
        Path file = PycbirSamples.root().resolve(relative);
        Image expected = SampleTable.load("samples/" + file.getFileName() + ".expected.txt");
        assertEquals(expected, Images.read(file));
    }
}
