package org.cbir.nets.train;

import java.util.Objects;
import org.cbir.core.image.Image;

/**
 * The geometric transforms of the paper's data augmentation: translations with mirrored borders
 * and rotations by multiples of 90 degrees. All methods are stateless and thread-safe and return
 * new images of the same depth and channels.
 */
public final class ImageTransforms {
    private ImageTransforms() {
    }

    /**
     * The image shifted by {@code dx} columns (positive: content moves right) and {@code dy}
     * rows (positive: content moves down), keeping its size. Pixels uncovered at the border are
     * filled by mirroring the image about its edge, the edge pixel repeated (NumPy's
     * {@code np.pad(..., mode='symmetric')}); shifts larger than the image keep mirroring, so any
     * offset is valid.
     */
    public static Image translate(Image image, int dx, int dy) {
        Objects.requireNonNull(image, "image");
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        float[] in = image.samples();
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            int sy = mirror(y - dy, h);
            for (int x = 0; x < w; x++) {
                int sx = mirror(x - dx, w);
                System.arraycopy(in, (sy * w + sx) * c, out, (y * w + x) * c, c);
            }
        }
        return Image.of(w, h, c, image.depth(), out);
    }

    /**
     * The image rotated counter-clockwise by {@code quarterTurns} times 90 degrees (NumPy's
     * {@code np.rot90(image, quarterTurns)}); width and height swap for odd turns. Any integer is
     * accepted, taken modulo 4.
     */
    public static Image rotate90(Image image, int quarterTurns) {
        Objects.requireNonNull(image, "image");
        int turns = Math.floorMod(quarterTurns, 4);
        Image rotated = image;
        for (int i = 0; i < turns; i++) {
            rotated = rotateOnce(rotated);
        }
        return rotated;
    }

    /** One counter-clockwise quarter turn: {@code out(x, y) = in(W - 1 - y, x)}, size H x W. */
    private static Image rotateOnce(Image image) {
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        float[] in = image.samples();
        float[] out = new float[in.length];
        int outWidth = h;
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < outWidth; x++) {
                int sx = w - 1 - y;
                int sy = x;
                System.arraycopy(in, (sy * w + sx) * c, out, (y * outWidth + x) * c, c);
            }
        }
        return Image.of(outWidth, w, c, image.depth(), out);
    }

    /** Index {@code i} reflected into {@code [0, n)} with the edge repeated (period {@code 2n}). */
    static int mirror(int i, int n) {
        int m = Math.floorMod(i, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }
}
