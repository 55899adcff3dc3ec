package org.cbir.eval.sheet;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.cbir.core.image.Image;
import org.cbir.core.image.Images;
import org.cbir.core.image.SampleDepth;

/**
 * Turns an {@link Image} into an 8-bit RGB thumbnail that fits a square cell, keeping its
 * aspect ratio. Stateless and thread-safe; every result is a new image the caller owns.
 *
 * <ul>
 *   <li>Samples map to 0..255 from the depth's nominal range ({@link Images#toBufferedImage}),
 *       or from the image's own min..max when stretched, so 16-bit data that fills a small part
 *       of its range is still visible.</li>
 *   <li>An image smaller than the cell is enlarged by the largest whole factor that fits, with
 *       nearest-neighbour sampling, so that every source pixel becomes a crisp square block
 *       (a 16x16 fiber patch becomes 128x128 in a 128-pixel cell; an image between half the
 *       cell and the cell keeps its size).</li>
 *   <li>A larger image is reduced by repeated halving with bilinear filtering and a final
 *       bilinear step, which averages the pixels that a single bilinear step would skip.</li>
 * </ul>
 */
final class Thumbnails {
    private Thumbnails() {
    }

    /**
     * The thumbnail of {@code image} whose longer side is at most {@code cell} pixels.
     *
     * @param stretch whether to map the image's own min..max to 0..255 instead of its depth's range
     */
    static BufferedImage fit(Image image, int cell, boolean stretch) {
        BufferedImage rgb = toRgb(Images.toBufferedImage(stretch ? stretched(image) : image));
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int longer = Math.max(w, h);
        if (longer <= cell) {
            int factor = Math.max(1, cell / longer);
            return factor == 1 ? rgb
                    : resize(rgb, w * factor, h * factor, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        }
        double scale = (double) cell / longer;
        int targetW = Math.max(1, (int) Math.round(w * scale));
        int targetH = Math.max(1, (int) Math.round(h * scale));
        BufferedImage current = rgb;
        while (current.getWidth() / 2 >= targetW && current.getHeight() / 2 >= targetH) {
            current = resize(current, current.getWidth() / 2, current.getHeight() / 2,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (current.getWidth() != targetW || current.getHeight() != targetH) {
            current = resize(current, targetW, targetH, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        return current;
    }

    /** The image with samples mapped from its min..max to 0..1; a constant image maps to 0. */
    static Image stretched(Image image) {
        float[] samples = image.samples();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float s : samples) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        float range = max - min;
        for (int i = 0; i < samples.length; i++) {
            samples[i] = range > 0 ? (samples[i] - min) / range : 0f;
        }
        return Image.of(image.width(), image.height(), image.channels(), SampleDepth.FLOAT, samples);
    }

    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRaster().getSamples(0, y, image.getWidth(), 1, 0, row);
            for (int x = 0; x < row.length; x++) {
                row[x] = row[x] << 16 | row[x] << 8 | row[x];
            }
            rgb.setRGB(0, y, row.length, 1, row, 0, row.length);
        }
        return rgb;
    }

    private static BufferedImage resize(BufferedImage source, int width, int height, Object interpolation) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
