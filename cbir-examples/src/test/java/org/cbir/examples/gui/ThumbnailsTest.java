package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {

    @Test
    void aSmallImageIsEnlargedByAWholeFactorWithCrispBlocks() {
        float[] samples = new float[16 * 16];
        samples[0] = 1f;
        BufferedImage thumbnail = Thumbnails.fit(Image.grey(16, 16, samples), 112);
        assertEquals(112, thumbnail.getWidth(), "112 / 16 = 7 times");
        assertEquals(112, thumbnail.getHeight());
        assertEquals(0xffffff, thumbnail.getRGB(6, 6) & 0xffffff, "the bright pixel fills a 7x7 block");
        assertEquals(0, thumbnail.getRGB(7, 0) & 0xffffff);
        assertEquals(100, Thumbnails.fit(Image.grey(100, 100, new float[100 * 100]), 112).getWidth(),
                "an image between half the cell and the cell keeps its size");
    }

    @Test
    void aLargeImageIsReducedKeepingItsAspectRatio() {
        BufferedImage thumbnail = Thumbnails.fit(Image.grey(300, 150, new float[300 * 150]), 112);
        assertEquals(112, thumbnail.getWidth());
        assertEquals(56, thumbnail.getHeight());
        assertThrows(IllegalArgumentException.class, () -> Thumbnails.fit(Image.grey(1, 1, new float[1]), 0));
    }
}
