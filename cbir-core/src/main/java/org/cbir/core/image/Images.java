package org.cbir.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files into {@link Image}s: PNG, JPEG, TIFF (8 and 16 bit), BMP and GIF, through
 * the JDK's {@code javax.imageio}. The format is recognised from the file's content, not its
 * name. Grey files stay grey and 16-bit files keep 16-bit samples; colour files become RGB;
 * an alpha channel is dropped; palette images are expanded (to grey when every palette entry
 * is grey). Only the first frame of a multi-frame file is read.
 *
 * <p>Thread-safe: every call opens its own reader.
 */
public final class Images {
    private Images() {
    }

    /**
     * Reads the image in {@code path}.
     *
     * @throws UnsupportedImageFormatException if no reader recognises the content
     * @throws ImageReadException if the file is missing, unreadable, truncated or corrupt
     */
    public static Image read(Path path) throws ImageReadException {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path)) {
            throw new ImageReadException(path, Files.exists(path) ? "not a regular file" : "no such file");
        }
        try (InputStream in = Files.newInputStream(path);
             ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new UnsupportedImageFormatException(path,
                        "not a PNG, JPEG, TIFF, BMP or GIF image (unrecognised content)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                return fromBufferedImage(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (ImageReadException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new ImageReadException(path, "no such file", e);
        } catch (IOException | RuntimeException e) {
            throw new ImageReadException(path, "corrupt or truncated image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Converts a decoded {@link BufferedImage}, keeping 16-bit samples of 16-bit rasters; see
     * the class comment for how channels are mapped.
     */
    public static Image fromBufferedImage(BufferedImage buffered) {
        Objects.requireNonNull(buffered, "image");
        ColorModel model = buffered.getColorModel();
        Raster raster = buffered.getRaster();
        int w = buffered.getWidth();
        int h = buffered.getHeight();
        int bands = raster.getNumBands();
        int bits = raster.getSampleModel().getSampleSize(0);
        boolean palette = model instanceof IndexColorModel;
        if (!palette && (bands == 1 || (bands == 2 && model.hasAlpha()))) {
            SampleDepth depth = bits > 8 ? SampleDepth.UINT16 : SampleDepth.UINT8;
            float[] grey = new float[w * h];
            float scale = bits > 8 ? (float) (65535.0 / ((1 << Math.min(bits, 16)) - 1))
                    : (float) (255.0 / ((1 << bits) - 1));
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    grey[y * w + x] = raster.getSample(x, y, 0) * scale;
                }
            }
            return Image.wrap(w, h, 1, depth, grey);
        }
        if (!palette && bands >= 3 && bits > 8) {
            float[] rgb = new float[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        rgb[(y * w + x) * 3 + c] = raster.getSample(x, y, c);
                    }
                }
            }
            return Image.wrap(w, h, 3, SampleDepth.UINT16, rgb);
        }
        float[] rgb = new float[w * h * 3];
        boolean allGrey = true;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = buffered.getRGB(x, y);
                int r = (argb >> 16) & 0xff;
                int g = (argb >> 8) & 0xff;
                int b = argb & 0xff;
                allGrey &= r == g && g == b;
                int i = (y * w + x) * 3;
                rgb[i] = r;
                rgb[i + 1] = g;
                rgb[i + 2] = b;
            }
        }
        if (palette && allGrey) {
            float[] grey = new float[w * h];
            for (int i = 0; i < grey.length; i++) {
                grey[i] = rgb[i * 3];
            }
            return Image.wrap(w, h, 1, SampleDepth.UINT8, grey);
        }
        return Image.wrap(w, h, 3, SampleDepth.UINT8, rgb);
    }
}
