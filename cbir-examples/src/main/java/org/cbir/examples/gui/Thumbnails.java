package org.cbir.examples.gui;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.cbir.core.image.Image;
import org.cbir.core.image.Images;

/**
 * Thumbnails for the results view, drawn like the result sheet's: an image smaller than the cell
 * is enlarged by the largest whole factor that fits, with crisp pixels; a larger one is reduced
 * smoothly (bilinear, in halving steps), keeping the aspect ratio. Stateless and thread-safe;
 * each result is a new RGB image the caller owns.
 */
final class Thumbnails {
    private Thumbnails() {
    }

    /**
     * The thumbnail of {@code image} whose longer side is at most {@code cell} pixels (exactly
     * {@code cell} for a larger image; a whole multiple of its size for a smaller one).
     *
     * @throws IllegalArgumentException if {@code cell < 1}
     */
    static BufferedImage fit(Image image, int cell) {
        if (cell < 1) {
            throw new IllegalArgumentException("cell size must be at least 1, got " + cell);
        }
        BufferedImage source = Images.toBufferedImage(image);
        int w = source.getWidth();
        int h = source.getHeight();
        int longer = Math.max(w, h);
        if (longer <= cell) {
            int factor = cell / longer;
            return resize(source, w * factor, h * factor, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        }
        double scale = (double) cell / longer;
        int targetW = Math.max(1, (int) Math.round(w * scale));
        int targetH = Math.max(1, (int) Math.round(h * scale));
        BufferedImage current = source;
        while (current.getWidth() / 2 >= targetW && current.getHeight() / 2 >= targetH) {
            current = resize(current, current.getWidth() / 2, current.getHeight() / 2,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        return resize(current, targetW, targetH, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
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
