package org.cbir.features;

import org.cbir.core.image.Image;
import org.cbir.core.image.SampleDepth;

/**
 * The synthetic 8-bit test images of {@code tools/texture_reference.py}, made by the same
 * integer formulas (see the script's docstring), so that fixtures need not store their pixels.
 */
public final class SyntheticImages {
    private SyntheticImages() {
    }

    /**
     * The image of a kind: constant, stripes-v, stripes-h, checker, rings or noise; noise may
     * have 3 channels, the others 1.
     */
    public static Image make(String kind, int width, int height, int channels) {
        float[] samples = new float[width * height * channels];
        if (kind.equals("noise")) {
            long s = 42;
            for (int i = 0; i < samples.length; i++) {
                s = (1103515245L * s + 12345L) % (1L << 31);
                samples[i] = (s >> 16) % 256;
            }
            return Image.of(width, height, channels, SampleDepth.UINT8, samples);
        }
        if (channels != 1) {
            throw new IllegalArgumentException("only noise images come in RGB, not " + kind);
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int dx = x - width / 2;
                int dy = y - height / 2;
                samples[y * width + x] = switch (kind) {
                    case "constant" -> 128;
                    case "stripes-v" -> 255 * (x % 2);
                    case "stripes-h" -> 255 * (y % 2);
                    case "checker" -> 255 * ((x + y) % 2);
                    case "rings" -> (7 * (dx * dx + dy * dy)) % 256;
                    default -> throw new IllegalArgumentException("unknown synthetic image kind " + kind);
                };
            }
        }
        return Image.of(width, height, 1, SampleDepth.UINT8, samples);
    }
}
