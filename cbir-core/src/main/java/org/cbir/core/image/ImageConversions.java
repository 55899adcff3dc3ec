package org.cbir.core.image;

import org.cbir.core.internal.math.ArrayLengths;

/** The pixel arithmetic behind {@link Image}'s conversions; their semantics are documented there. */
final class ImageConversions {
    /** ITU-R BT.709 luminance weights, as scikit-image's {@code rgb2gray}. */
    static final float RED = 0.2125f;
    static final float GREEN = 0.7154f;
    static final float BLUE = 0.0721f;

    private ImageConversions() {
    }

    static float[] luminance(Image image) {
        float[] rgb = image.buffer();
        float[] grey = new float[image.width() * image.height()];
        for (int i = 0, j = 0; i < grey.length; i++, j += 3) {
            grey[i] = RED * rgb[j] + GREEN * rgb[j + 1] + BLUE * rgb[j + 2];
        }
        return grey;
    }

    static Image resizeBilinear(Image image, int newWidth, int newHeight) {
        if (newWidth < 1 || newHeight < 1) {
            throw new IllegalArgumentException("resize target must be positive, got " + newWidth + "x" + newHeight);
        }
        int w = image.width();
        int h = image.height();
        int ch = image.channels();
        if (newWidth == w && newHeight == h) {
            return image;
        }
        float[] src = image.buffer();
        float[] dst = new float[ArrayLengths.of("resized image", newWidth, newHeight, ch)];
        double sx = (double) w / newWidth;
        double sy = (double) h / newHeight;
        for (int y = 0; y < newHeight; y++) {
            double fy = clamp((y + 0.5) * sy - 0.5, 0, h - 1);
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, h - 1);
            double wy = fy - y0;
            for (int x = 0; x < newWidth; x++) {
                double fx = clamp((x + 0.5) * sx - 0.5, 0, w - 1);
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, w - 1);
                double wx = fx - x0;
                for (int c = 0; c < ch; c++) {
                    double top = src[(y0 * w + x0) * ch + c] * (1 - wx) + src[(y0 * w + x1) * ch + c] * wx;
                    double bottom = src[(y1 * w + x0) * ch + c] * (1 - wx) + src[(y1 * w + x1) * ch + c] * wx;
                    dst[(y * newWidth + x) * ch + c] = (float) (top * (1 - wy) + bottom * wy);
                }
            }
        }
        return Image.wrap(newWidth, newHeight, ch, image.depth(), dst);
    }

    static Image padCentered(Image image, int newWidth, int newHeight) {
        int w = image.width();
        int h = image.height();
        if (newWidth < w || newHeight < h) {
            throw new IllegalArgumentException("cannot pad a " + w + "x" + h + " image to the smaller "
                    + newWidth + "x" + newHeight);
        }
        int ch = image.channels();
        int left = (newWidth - w) / 2;
        int top = (newHeight - h) / 2;
        float[] src = image.buffer();
        float[] dst = new float[ArrayLengths.of("resized image", newWidth, newHeight, ch)];
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, y * w * ch, dst, ((y + top) * newWidth + left) * ch, w * ch);
        }
        return Image.wrap(newWidth, newHeight, ch, image.depth(), dst);
    }

    static Image normalise(Image image) {
        float[] out = image.samples();
        float scale = (float) (1.0 / image.depth().maxValue());
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(1f, Math.max(0f, out[i] * scale));
        }
        return Image.wrap(image.width(), image.height(), image.channels(), SampleDepth.FLOAT, out);
    }

    static Image logScale(Image image) {
        float[] out = image.samples();
        double max = image.depth().maxValue();
        double denominator = Math.log1p(max);
        for (int i = 0; i < out.length; i++) {
            double v = Math.max(0.0, Math.min(max, out[i]));
            out[i] = (float) (Math.log1p(v) / denominator);
        }
        return Image.wrap(image.width(), image.height(), image.channels(), SampleDepth.FLOAT, out);
    }

    /** Equalisation by the cumulative histogram of each channel; see {@link Image#equalised()}. */
    static Image equaliseHistogram(Image image) {
        int bins = 256;
        int ch = image.channels();
        int n = image.width() * image.height();
        float[] src = image.buffer();
        float[] out = new float[src.length];
        double max = image.depth().maxValue();
        for (int c = 0; c < ch; c++) {
            long[] counts = new long[bins];
            for (int i = 0; i < n; i++) {
                counts[bin(src[i * ch + c], max, bins)]++;
            }
            double[] cdf = new double[bins];
            long running = 0;
            for (int b = 0; b < bins; b++) {
                running += counts[b];
                cdf[b] = (double) running / n;
            }
            for (int i = 0; i < n; i++) {
                out[i * ch + c] = (float) cdf[bin(src[i * ch + c], max, bins)];
            }
        }
        return Image.wrap(image.width(), image.height(), ch, SampleDepth.FLOAT, out);
    }

    private static int bin(float value, double max, int bins) {
        int b = (int) (value / max * bins);
        return Math.max(0, Math.min(bins - 1, b));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
