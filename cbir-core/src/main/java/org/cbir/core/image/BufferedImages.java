package org.cbir.core.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Objects;
import org.cbir.core.internal.math.ArrayLengths;

/** Conversions between {@link BufferedImage} and {@link Image}; see {@link Images} for the rules. */
final class BufferedImages {

    private BufferedImages() {
    }

    static Image toImage(BufferedImage buffered) {
        Objects.requireNonNull(buffered, "image");
        ColorModel model = buffered.getColorModel();
        Raster raster = buffered.getRaster();
        if (model instanceof IndexColorModel palette) {
            return fromPalette(raster, palette);
        }
        int dataType = raster.getDataBuffer().getDataType();
        int colours = model.getNumColorComponents();
        boolean floating = dataType == DataBuffer.TYPE_FLOAT || dataType == DataBuffer.TYPE_DOUBLE;
        if (floating && (colours == 1 || colours == 3)) {
            return fromFloatSamples(raster, colours);
        }
        if (model instanceof ComponentColorModel && !floating) {
            int bits = raster.getSampleModel().getSampleSize(0);
            if (bits > 16) {
                throw new IllegalArgumentException(bits + "-bit integer samples are not supported (at most 16)");
            }
            int space = model.getColorSpace().getType();
            if (colours == 1 && space == ColorSpace.TYPE_GRAY) {
                return fromScaledSamples(raster, 1, bits);
            }
            if (colours == 3 && space == ColorSpace.TYPE_RGB && bits > 8) {
                return fromScaledSamples(raster, 3, bits);
            }
        }
        return fromRgb(buffered);
    }

    /** Palette images: grey when every palette entry is grey, else the palette's RGB colours. */
    private static Image fromPalette(Raster raster, IndexColorModel palette) {
        int size = palette.getMapSize();
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        palette.getReds(r);
        palette.getGreens(g);
        palette.getBlues(b);
        boolean grey = true;
        for (int i = 0; i < size && grey; i++) {
            grey = r[i] == g[i] && g[i] == b[i];
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int channels = grey ? 1 : 3;
        float[] out = new float[ArrayLengths.of("decoded image", w, h, channels)];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int index = Math.min(row[x], size - 1);
                int o = (y * w + x) * channels;
                out[o] = r[index] & 0xff;
                if (!grey) {
                    out[o + 1] = g[index] & 0xff;
                    out[o + 2] = b[index] & 0xff;
                }
            }
        }
        return Image.wrap(w, h, channels, SampleDepth.UINT8, out);
    }

    /** Integer grey or RGB samples, rescaled from {@code bits} to 8 or 16 bits. */
    private static Image fromScaledSamples(Raster raster, int channels, int bits) {
        SampleDepth depth = bits > 8 ? SampleDepth.UINT16 : SampleDepth.UINT8;
        double scale = depth.maxValue() / ((1 << bits) - 1);
        int w = raster.getWidth();
        int h = raster.getHeight();
        float[] out = new float[ArrayLengths.of("decoded image", w, h, channels)];
        int[] row = new int[w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, c, row);
                for (int x = 0; x < w; x++) {
                    out[(y * w + x) * channels + c] = (float) Math.rint(row[x] * scale);
                }
            }
        }
        return Image.wrap(w, h, channels, depth, out);
    }

    private static Image fromFloatSamples(Raster raster, int channels) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        float[] out = new float[ArrayLengths.of("decoded image", w, h, channels)];
        float[] row = new float[w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, c, row);
                for (int x = 0; x < w; x++) {
                    out[(y * w + x) * channels + c] = row[x];
                }
            }
        }
        return Image.wrap(w, h, channels, SampleDepth.FLOAT, out);
    }

    /** Any other layout, through the colour model's sRGB conversion. */
    private static Image fromRgb(BufferedImage buffered) {
        int w = buffered.getWidth();
        int h = buffered.getHeight();
        float[] out = new float[ArrayLengths.of("decoded image", w, h, 3)];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            buffered.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int o = (y * w + x) * 3;
                out[o] = (argb >> 16) & 0xff;
                out[o + 1] = (argb >> 8) & 0xff;
                out[o + 2] = argb & 0xff;
            }
        }
        return Image.wrap(w, h, 3, SampleDepth.UINT8, out);
    }

    static BufferedImage toDisplay(Image image) {
        Objects.requireNonNull(image, "image");
        int w = image.width();
        int h = image.height();
        float[] src = image.buffer();
        double scale = 1.0 / image.depth().maxValue();
        if (image.isGrey()) {
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster raster = out.getRaster();
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    row[x] = to8Bit(src[y * w + x], scale);
                }
                raster.setSamples(0, y, w, 1, 0, row);
            }
            return out;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                row[x] = to8Bit(src[i], scale) << 16 | to8Bit(src[i + 1], scale) << 8 | to8Bit(src[i + 2], scale);
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** {@code round(clamp(v * scale, 0, 1) * 255)}. */
    static int to8Bit(float value, double scale) {
        double v = Math.max(0.0, Math.min(1.0, value * scale));
        return (int) Math.round(v * 255.0);
    }
}
