package org.cbir.nets.pretrained;

import org.cbir.core.image.Image;

/**
 * How an image is brought to a network's fixed input size. Scientific images are often much
 * smaller than ImageNet's; enlarging them invents detail at a scale the network never saw, while
 * zero padding keeps their pixels at their own scale. Stateless and thread-safe.
 */
public enum SmallImagePolicy {
    /** Bilinear resize to the input size ({@link Image#resize}); the aspect ratio is not kept. */
    RESIZE,
    /**
     * Zero padding to the input size, the image centred ({@link Image#pad}); an image larger than
     * the input along either side is first shrunk bilinearly, aspect ratio kept, until it fits.
     */
    ZERO_PAD;

    /** The image at exactly {@code width x height}. */
    public Image fit(Image image, int width, int height) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
        if (this == RESIZE) {
            return image.resize(width, height);
        }
        Image fitting = image;
        if (image.width() > width || image.height() > height) {
            double scale = Math.min((double) width / image.width(), (double) height / image.height());
            int w = Math.max(1, Math.min(width, (int) Math.round(image.width() * scale)));
            int h = Math.max(1, Math.min(height, (int) Math.round(image.height() * scale)));
            fitting = image.resize(w, h);
        }
        return fitting.pad(width, height);
    }
}
