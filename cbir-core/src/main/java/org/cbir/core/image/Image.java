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

    /**
     * A grey image with samples in 0..1 ({@link SampleDepth#FLOAT}), copied from the caller.
     *
     * @throws IllegalArgumentException as {@link #of}
     */
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
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                int pixel = i / channels;
                throw new IllegalArgumentException("image samples must be finite, found " + samples[i]
                        + " at x=" + pixel % width + ", y=" + pixel / width + ", channel " + i % channels);
            }
        }
        return new Image(width, height, channels, depth, samples);
    }

    /** Pixels per row. */
    public int width() {
        return width;
    }

    /** Rows. */
    public int height() {
        return height;
    }

    /** 1 for grey, 3 for RGB. */
    public int channels() {
        return channels;
    }

    /** Whether the image has one channel. */
    public boolean isGrey() {
        return channels == 1;
    }

    /** The range of the samples: 0..255, 0..65535 or nominally 0..1. */
    public SampleDepth depth() {
        return depth;
    }

    /**
     * The sample of channel {@code c} at column {@code x}, row {@code y}, in the depth's scale.
     *
     * @throws IndexOutOfBoundsException if a coordinate is outside the image
     */
    public float sample(int x, int y, int c) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        Objects.checkIndex(c, channels);
        return samples[(y * width + x) * channels + c];
    }

    /** A copy of all samples, row-major, channels interleaved; the caller owns it. */
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

    /**
     * This image in grey: {@code 0.2125 R + 0.7154 G + 0.0721 B} (ITU-R BT.709 luminance weights,
     * as scikit-image's {@code rgb2gray}, applied to the samples as stored, without gamma
     * linearisation), depth kept; this image itself if already grey.
     */
    public Image toGrey() {
        return channels == 1 ? this : wrap(width, height, 1, depth, ImageConversions.luminance(this));
    }

    /**
     * Resized to {@code newWidth x newHeight} by bilinear interpolation, each axis scaled
     * independently (the aspect ratio is not kept). Pixel centres are aligned: output pixel
     * {@code x} samples the input at {@code (x + 0.5) * width / newWidth - 0.5}, and positions
     * beyond the outer pixel centres take the edge value. This equals scikit-image's
     * {@code resize(order=1, mode='edge', anti_aliasing=False, preserve_range=True)}; there is no
     * anti-aliasing, so strong down-scaling skips pixels (blur first if that matters). Depth and
     * channels are kept; samples are interpolated, not rounded. This image itself when the size
     * is unchanged.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public Image resize(int newWidth, int newHeight) {
        return ImageConversions.resizeBilinear(this, newWidth, newHeight);
    }

    /**
     * Padded with zeros to {@code newWidth x newHeight}, the original centred: the left margin is
     * {@code (newWidth - width) / 2} rounded down, so an odd margin puts the extra pixel on the
     * right (and likewise at the bottom). Depth and channels are kept.
     *
     * @throws IllegalArgumentException if a size is smaller than the current one
     */
    public Image pad(int newWidth, int newHeight) {
        return ImageConversions.padCentered(this, newWidth, newHeight);
    }

    /**
     * Samples divided by the depth's nominal maximum (255, 65535 or 1) and clamped to 0..1, as
     * {@link SampleDepth#FLOAT}. The nominal rather than the observed maximum keeps the images of
     * a collection comparable.
     */
    public Image normalized() {
        return ImageConversions.normalise(this);
    }

    /**
     * Histogram-equalised, per channel, as {@link SampleDepth#FLOAT}: the samples are put in 256
     * equal bins of the nominal range, bin {@code floor(v / max * 256)} clamped to 0..255 (each
     * 8-bit level is its own bin), and each sample becomes the fraction of the channel's samples
     * whose bin is at most its own (the cumulative histogram), in (0, 1]. Unlike scikit-image's
     * {@code equalize_hist}, bins span the nominal rather than the observed range and the
     * cumulative histogram is not interpolated between bin centres, so that equal levels map
     * to equal values and images of a collection are binned alike.
     */
    public Image equalised() {
        return ImageConversions.equaliseHistogram(this);
    }

    /**
     * Log-scaled: {@code log(1 + v) / log(1 + max)} per sample, {@code v} clamped to 0..max where
     * max is the depth's nominal maximum, as {@link SampleDepth#FLOAT} in 0..1.
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
