package org.cbir.core.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable pixel buffer: {@code width x height} pixels of {@code channels} samples each
 * (1 = grey, 3 = RGB), stored as floats in row-major order with the channels of a pixel
 * interleaved. Samples keep the scale of their {@link SampleDepth} (0..255, 0..65535, or 0..1
 * for {@link SampleDepth#FLOAT}), so 8- and 16-bit data round-trip without loss.
 *
 * <p>Instances are immutable and safe to share between threads: factories copy the caller's
 * array, and {@link #samples()} returns a copy. Conversions ({@link #toGrey()},
 * {@link #resize(int, int)}, ...) return new images.
 */
public final class Image {
    private final int width;
    private final int height;
    private final int channels;
    private final SampleDepth depth;
    private final float[] samples;

    private Image(int width, int height, int channels, SampleDepth depth, float[] samples) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.depth = depth;
        this.samples = samples;
    }

    /**
     * An image from interleaved samples, which are copied.
     *
     * @throws IllegalArgumentException if a size is not positive, channels is not 1 or 3, the
     *     array length is not {@code width * height * channels}, or a sample is not finite
     */
    public static Image of(int width, int height, int channels, SampleDepth depth, float[] samples) {
        Objects.requireNonNull(samples, "samples");
        return wrap(width, height, channels, depth, samples.clone());
    }

    /** A grey image with samples in 0..1 ({@link SampleDepth#FLOAT}), copied from the caller. */
    public static Image grey(int width, int height, float[] samples) {
        return of(width, height, 1, SampleDepth.FLOAT, samples);
    }

    /** Wraps an array this package just created; no copy. */
    static Image wrap(int width, int height, int channels, SampleDepth depth, float[] samples) {
        Objects.requireNonNull(depth, "depth");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        long expected = (long) width * height * channels;
        if (samples.length != expected) {
            throw new IllegalArgumentException("a " + width + "x" + height + "x" + channels
                    + " image needs " + expected + " samples, got " + samples.length);
        }
        for (float s : samples) {
            if (!Float.isFinite(s)) {
                throw new IllegalArgumentException("image samples must be finite, found " + s);
            }
        }
        return new Image(width, height, channels, depth, samples);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** 1 for grey, 3 for RGB. */
    public int channels() {
        return channels;
    }

    public boolean isGrey() {
        return channels == 1;
    }

    public SampleDepth depth() {
        return depth;
    }

    /** The sample of channel {@code c} at column {@code x}, row {@code y}, in the depth's scale. */
    public float sample(int x, int y, int c) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        Objects.checkIndex(c, channels);
        return samples[(y * width + x) * channels + c];
    }

    /** A copy of all samples, row-major, channels interleaved. */
    public float[] samples() {
        return samples.clone();
    }

    /** The samples without a copy, for this package's conversions; callers must not write. */
    float[] buffer() {
        return samples;
    }

    /**
     * The grey intensities scaled to 0..1 by the depth's nominal maximum, one per pixel in
     * row-major order; RGB is converted with {@link #toGrey()}'s weights. A fresh array the
     * caller owns.
     */
    public float[] greyIntensities() {
        float[] grey = channels == 1 ? samples.clone() : ImageConversions.luminance(this);
        float scale = (float) (1.0 / depth.maxValue());
        for (int i = 0; i < grey.length; i++) {
            grey[i] *= scale;
        }
        return grey;
    }

    /** This image in grey (ITU-R BT.709 luminance weights, as scikit-image's {@code rgb2gray}); itself if already grey. */
    public Image toGrey() {
        return channels == 1 ? this : wrap(width, height, 1, depth, ImageConversions.luminance(this));
    }

    /** Resized to {@code newWidth x newHeight} by bilinear interpolation (pixel centres aligned); depth kept. */
    public Image resize(int newWidth, int newHeight) {
        return ImageConversions.resizeBilinear(this, newWidth, newHeight);
    }

    /**
     * Padded with zeros to {@code newWidth x newHeight}, the original centred (an odd margin
     * puts the extra pixel right/bottom); sizes must be at least the current ones.
     */
    public Image pad(int newWidth, int newHeight) {
        return ImageConversions.padCentered(this, newWidth, newHeight);
    }

    /** Samples divided by the depth's nominal maximum, as {@link SampleDepth#FLOAT} in 0..1. */
    public Image normalised() {
        return ImageConversions.normalise(this);
    }

    /** Histogram-equalised intensities in 0..1 ({@link SampleDepth#FLOAT}), per channel. */
    public Image equalised() {
        return ImageConversions.equaliseHistogram(this);
    }

    /**
     * Log-scaled: {@code log(1 + v) / log(1 + max)} per sample, in 0..1 ({@link SampleDepth#FLOAT}).
     * Compresses the dynamic range of diffraction and scattering patterns, whose peaks are orders
     * of magnitude brighter than the rest.
     */
    public Image logScaled() {
        return ImageConversions.logScale(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image other && width == other.width && height == other.height
                && channels == other.channels && depth == other.depth
                && Arrays.equals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, channels, depth) * 31 + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "Image[" + width + "x" + height + ", " + (channels == 1 ? "grey" : "RGB") + ", " + depth + "]";
    }
}
