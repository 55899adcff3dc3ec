package org.cbir.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Bytes read from elsewhere decode exactly as the file of those bytes, and fail naming their source. */
class ImagesFromBytesTest {
    private static final String NAME = "hdfs://namenode/collection/sample.png";

    @Test
    void everyFixtureDecodesAsItsFile() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SampleTable.fixtures("files"))) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        int decoded = 0;
        for (Path file : files) {
            Image fromFile;
            try {
                fromFile = Images.read(file);
            } catch (ImageReadException e) {
                ImageReadException fromBytes = assertThrows(ImageReadException.class,
                        () -> Images.read(Files.readAllBytes(file), NAME));
                assertEquals(e.problem(), fromBytes.problem(), file.toString());
                continue;
            }
            assertEquals(fromFile, Images.read(Files.readAllBytes(file), NAME), file.toString());
            decoded++;
        }
        assertTrue(decoded >= 5, "only " + decoded + " fixtures decoded");
    }

    @Test
    void truncatedBytesFailNamingTheirSource() throws IOException {
        byte[] png = Files.readAllBytes(SampleTable.fixtures("files").resolve("rgb16.png"));
        ImageReadException e = assertThrows(ImageReadException.class,
                () -> Images.read(Arrays.copyOf(png, png.length / 2), NAME));
        assertFalse(e instanceof UnsupportedImageFormatException);
        assertTrue(e.getMessage().startsWith(NAME + ": corrupt or truncated PNG"), e.getMessage());
        assertEquals(NAME, e.source());
        assertNull(e.path());
    }

    @Test
    void emptyAndUnsupportedBytesAreRefused() {
        ImageReadException empty = assertThrows(ImageReadException.class, () -> Images.read(new byte[0], NAME));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        UnsupportedImageFormatException text = assertThrows(UnsupportedImageFormatException.class,
                () -> Images.read("not an image".getBytes(StandardCharsets.UTF_8), NAME));
        assertTrue(text.getMessage().startsWith(NAME + ": not a PNG"), text.getMessage());
    }
}
