package org.cbir.core.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.cbir.core.internal.io.AtomicOutput;

/** The PNG writer behind {@link Images#write}: builds an 8- or 16-bit raster, writes it atomically. */
final class PngWriter {

    private PngWriter() {
    }

    static void write(Image image, Path path) throws IOException {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(path, "path");
        Path name = path.getFileName();
        if (name == null || !name.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("Images.write writes PNG; the file name must end with .png, got " + path);
        }
        BufferedImage raster = image.depth() == SampleDepth.UINT16 ? to16Bit(image) : to8Bit(image);
        AtomicOutput.write(path, out -> encode(raster, out, path));
    }

    private static void encode(BufferedImage raster, OutputStream out, Path path) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException(path + ": no PNG writer in this Java runtime");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(raster);
        } finally {
            writer.dispose();
        }
    }

    /** UINT8 as is (rounded, clamped to 0..255), FLOAT clamped to 0..1 and times 255. */
    private static BufferedImage to8Bit(Image image) {
        int w = image.width();
        int h = image.height();
        int ch = image.channels();
        double scale = image.depth() == SampleDepth.FLOAT ? 255.0 : 1.0;
        BufferedImage out = new BufferedImage(w, h, ch == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        fill(out.getRaster(), image, scale, 255);
        return out;
    }

    /** UINT16 as is (rounded, clamped to 0..65535), grey or RGB. */
    private static BufferedImage to16Bit(Image image) {
        int w = image.width();
        int h = image.height();
        if (image.isGrey()) {
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
            fill(out.getRaster(), image, 1.0, 65535);
            return out;
        }
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(w, h);
        fill(raster, image, 1.0, 65535);
        return new BufferedImage(model, raster, false, null);
    }

    private static void fill(WritableRaster raster, Image image, double scale, int max) {
        int w = image.width();
        int h = image.height();
        int ch = image.channels();
        float[] src = image.buffer();
        int[] row = new int[w];
        for (int c = 0; c < ch; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    long v = Math.round(src[(y * w + x) * ch + c] * scale);
                    row[x] = (int) Math.max(0, Math.min(max, v));
                }
                raster.setSamples(0, y, w, 1, c, row);
            }
        }
    }
}
