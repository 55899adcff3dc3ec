package org.cbir.nets.internal;

import java.util.Objects;
import org.cbir.core.image.Image;

/**
 * Converts images to what a network reads: samples in 0..1 ({@link Image#normalized()}), grey
 * ({@link Image#toGrey()}) or RGB (grey replicated into three channels), resized bilinearly
 * ({@link Image#resize}) to the input size, laid out channels first ({@code C x H x W}, NCHW
 * for a batch). Stateless and thread-safe.
 */
public final class NetworkInput {
    private NetworkInput() {
    }

    /** The image in the channel layout of the network, normalised to 0..1, at its own size. */
    public static Image prepare(Image image, int channels) {
        Objects.requireNonNull(image, "image");
        Image converted;
        if (channels == 1) {
            converted = image.toGrey();
        } else if (image.isGrey()) {
            float[] grey = image.samples();
            float[] rgb = new float[grey.length * 3];
            for (int i = 0; i < grey.length; i++) {
                rgb[3 * i] = grey[i];
                rgb[3 * i + 1] = grey[i];
                rgb[3 * i + 2] = grey[i];
            }
            converted = Image.of(image.width(), image.height(), 3, image.depth(), rgb);
        } else {
            converted = image;
        }
        return converted.normalized();
    }

    /**
     * Writes a {@link #prepare prepared} image, resized to {@code width x height}, into
     * {@code target} from {@code offset} as {@code C x H x W} floats.
     */
    public static void write(Image prepared, int width, int height, float[] target, int offset) {
        Image sized = prepared.width() == width && prepared.height() == height ? prepared : prepared.resize(width, height);
        float[] hwc = sized.samples();
        int c = sized.channels();
        int plane = width * height;
        for (int p = 0; p < plane; p++) {
            for (int k = 0; k < c; k++) {
                target[offset + k * plane + p] = hwc[p * c + k];
            }
        }
    }

    /**
     * Shifts and scales {@code length} values of {@code target} from {@code offset} to zero mean
     * and unit variance (population variance); a constant image becomes all zeros.
     */
    public static void standardise(float[] target, int offset, int length) {
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += target[i];
        }
        double mean = sum / length;
        double squares = 0;
        for (int i = offset; i < offset + length; i++) {
            double d = target[i] - mean;
            squares += d * d;
        }
        double std = Math.sqrt(squares / length);
        double scale = std > 1e-12 ? 1 / std : 0;
        for (int i = offset; i < offset + length; i++) {
            target[i] = (float) ((target[i] - mean) * scale);
        }
    }
}
