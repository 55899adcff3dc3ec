package org.cbir.core.image;

import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes image files: PNG, JPEG, TIFF, BMP and GIF are read through the JDK's
 * {@code javax.imageio} (TIFF is built into JDK 9 and later); PNG is written.
 *
 * <p>Reading. The format is recognised from the file's content, not its name; other formats
 * that an installed ImageIO plug-in recognises (WBMP, ...) are refused as unsupported. How a
 * file's samples become an {@link Image} is described in {@link #fromBufferedImage}: in short,
 * grey stays grey, 16-bit stays 16-bit (0..65535), 1/2/4-bit grey is scaled to 0..255, colour
 * becomes RGB, alpha is dropped, and 32-bit float TIFFs keep their values. Only the first frame
 * of a multi-frame file (TIFF pages, animated GIF) is read. A reader warning is logged, except
 * a JPEG decoder's "premature end" warning, which means the file is truncated and is refused.
 * An image whose header declares more pixels than the process-wide pixel budget
 * ({@link #maxPixels()}) is refused from its declared size before any pixel is decoded: a
 * decompression bomb (a few hundred KB of PNG declaring 20000 x 20000 pixels, or a
 * 1 x 400,000,000 strip) becomes an {@link ImageReadException} naming the file, which a
 * collection skips and reports as any unreadable image.
 *
 * <p>Thread-safe: every call opens its own reader or writer and holds no shared state.
 */
public final class Images {
    private static final Logger LOG = LoggerFactory.getLogger(Images.class);
    /** The ImageIO format names this class accepts (lower case). */
    private static final Set<String> SUPPORTED = Set.of("png", "jpeg", "tiff", "bmp", "gif");
    private static final String FORMATS = "PNG, JPEG, TIFF, BMP or GIF";
    /** The size up to which a file is read into memory before decoding. */
    private static final long IN_MEMORY_LIMIT = 32L << 20;

    /** The system property that sets the pixel budget, in pixels; read once, at first use. */
    public static final String MAX_PIXELS_PROPERTY = PixelBudget.PROPERTY;
    /** The default pixel budget: 10000 x 10000 pixels, about 1.2 GB as float RGB samples. */
    public static final long DEFAULT_MAX_PIXELS = PixelBudget.DEFAULT_MAX_PIXELS;

    private Images() {
    }

    /**
     * The pixel budget: the most pixels an image may declare before it is decoded;
     * {@value #DEFAULT_MAX_PIXELS} unless {@value #MAX_PIXELS_PROPERTY} or {@link #setMaxPixels}
     * changed it.
     */
    public static long maxPixels() {
        return PixelBudget.maxPixels();
    }

    /**
     * Sets the pixel budget for every later decode in this process (thread-safe).
     *
     * @throws IllegalArgumentException if {@code pixels < 1}
     */
    public static void setMaxPixels(long pixels) {
        PixelBudget.setMaxPixels(pixels);
    }

    /**
     * Reads the first image of the file {@code path}.
     *
     * @throws UnsupportedImageFormatException if the content is not PNG, JPEG, TIFF, BMP or GIF
     *     (a text file named {@code .png}, random bytes), or its sample layout is not supported
     *     (32-bit integer samples)
     * @throws ImageReadException if the file is missing, a directory, empty, unreadable,
     *     truncated or corrupt; the message starts with the path
     */
    public static Image read(Path path) throws ImageReadException {
        Objects.requireNonNull(path, "path");
        checkReadableFile(path);
        Source source = new Source(path, path.toString());
        try (ImageInputStream stream = open(path)) {
            return decode(source, stream);
        } catch (ImageReadException e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw new ImageReadException(path, "permission denied: cannot read the file", e);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new ImageReadException(path, "cannot open the file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ImageReadException(path, "cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads the first image of an image file's {@code content}, read from elsewhere (a
     * distributed file system, a database, a request): decoded exactly as {@link #read(Path)}
     * decodes a file of these bytes, with the same checks.
     *
     * @param content the whole file's bytes (not modified, not kept)
     * @param name what the bytes came from (a URI, a file name), named by every error
     * @throws UnsupportedImageFormatException if the content is not PNG, JPEG, TIFF, BMP or GIF
     * @throws ImageReadException if the content is empty, truncated or corrupt; the message
     *     starts with {@code name}
     */
    public static Image read(byte[] content, String name) throws ImageReadException {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(name, "name");
        Source source = new Source(null, name);
        if (content.length == 0) {
            throw source.failure("empty (0 bytes), not an image", null);
        }
        try (ImageInputStream stream = new ByteArrayImageInputStream(content)) {
            return decode(source, stream);
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException e) {
            throw source.failure("cannot read the bytes (" + e.getMessage() + ")", e);
        }
    }

    /** The decoding that every read shares, whatever the bytes came from. */
    private static Image decode(Source source, ImageInputStream stream) throws IOException {
        ImageReader reader = supportedReader(source, stream);
        String format = reader.getFormatName().toUpperCase(Locale.ROOT);
        try {
            reader.setInput(stream, true, true);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((ignored, warning) -> warnings.add(String.valueOf(warning)));
            String overBudget = PixelBudget.problem(reader.getWidth(0), reader.getHeight(0));
            if (overBudget != null) {
                throw source.failure(overBudget, null);
            }
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels * 3 > Integer.MAX_VALUE - 8) {
                throw source.failure("image of " + reader.getWidth(0) + "x" + reader.getHeight(0)
                        + " pixels is too large to hold in one array", null);
            }
            BufferedImage decoded = reader.read(0);
            for (String warning : warnings) {
                if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                    throw source.failure("truncated " + format + " image (" + warning + ")", null);
                }
            }
            for (String warning : warnings) {
                LOG.warn("{}: {} reader warning: {}", source.name(), format, warning);
            }
            return convert(source, decoded);
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw source.failure("corrupt or truncated " + format + " image (" + e.getMessage() + ")", e);
        } finally {
            reader.dispose();
        }
    }

    /** Where decoded bytes came from: a local file, or only a name; errors name it. */
    private record Source(Path path, String name) {
        ImageReadException failure(String problem, Throwable cause) {
            return path != null ? new ImageReadException(path, problem, cause)
                    : new ImageReadException(name, problem, cause);
        }

        UnsupportedImageFormatException unsupported(String problem) {
            return path != null ? new UnsupportedImageFormatException(path, problem)
                    : new UnsupportedImageFormatException(name, problem);
        }
    }

    private static void checkReadableFile(Path path) throws ImageReadException {
        if (Files.isDirectory(path)) {
            throw new ImageReadException(path, Files.isReadable(path)
                    ? "is a directory, not an image file"
                    : "permission denied: cannot read this folder, so its images were skipped");
        }
        if (!Files.exists(path)) {
            throw new ImageReadException(path, "no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw new ImageReadException(path, "not a regular file");
        }
        try {
            if (Files.size(path) == 0) {
                throw new ImageReadException(path, "empty file (0 bytes), not an image");
            }
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageReadException(path, "cannot read the file size (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Files up to {@value #IN_MEMORY_LIMIT} bytes are read at once into memory (image files are
     * mostly small, and ImageIO's file stream makes a system call per small read); larger ones
     * are streamed.
     */
    private static ImageInputStream open(Path path) throws IOException {
        if (Files.size(path) <= IN_MEMORY_LIMIT) {
            return new ByteArrayImageInputStream(Files.readAllBytes(path));
        }
        if (path.getFileSystem() == FileSystems.getDefault()) {
            return new FileImageInputStream(path.toFile());
        }
        InputStream in = Files.newInputStream(path);
        return new MemoryCacheImageInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    in.close();
                }
            }
        };
    }

    private static ImageReader supportedReader(Source source, ImageInputStream stream) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
        String other = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            String[] names = reader.getOriginatingProvider() == null
                    ? new String[] {reader.getFormatName()} : reader.getOriginatingProvider().getFormatNames();
            for (String name : names) {
                if (SUPPORTED.contains(name.toLowerCase(Locale.ROOT))) {
                    return reader;
                }
            }
            other = other == null ? reader.getFormatName() : other;
            reader.dispose();
        }
        throw source.unsupported("not a " + FORMATS + " image"
                + (other == null ? " (unrecognised content)" : " (looks like " + other + ", which is not supported)"));
    }

    private static Image convert(Source source, BufferedImage decoded) throws UnsupportedImageFormatException {
        try {
            return fromBufferedImage(decoded);
        } catch (IllegalArgumentException e) {
            throw source.unsupported(e.getMessage());
        }
    }

    /**
     * Converts a decoded {@link BufferedImage}:
     * <ul>
     *   <li>palette ({@link java.awt.image.IndexColorModel}): grey {@link SampleDepth#UINT8} when
     *       every palette entry is grey (this includes 1/2/4-bit grey PNGs, whose palette is
     *       {@code i * 255 / (2^bits - 1)}), else RGB UINT8, the palette colours;</li>
     *   <li>grey (one colour component, with or without alpha): the stored samples, as UINT8 for
     *       up to 8 bits and UINT16 for 9 to 16 bits, scaled by {@code 255 / (2^bits - 1)} resp.
     *       {@code 65535 / (2^bits - 1)} and rounded (the PNG specification's sample-depth
     *       rescaling; the identity for 8 and 16 bits);</li>
     *   <li>RGB with more than 8 bits per sample: the stored samples as UINT16, scaled the same
     *       way (16-bit PNG and TIFF keep 0..65535);</li>
     *   <li>32/64-bit floating-point samples (float TIFF): {@link SampleDepth#FLOAT}, the values as
     *       stored, not clamped to 0..1;</li>
     *   <li>anything else (8-bit RGB, BGR, packed, CMYK, YCbCr...): the sRGB colours that
     *       {@link BufferedImage#getRGB} reports, as RGB UINT8.</li>
     * </ul>
     * Alpha is dropped without compositing: a transparent pixel keeps its stored colour.
     *
     * @throws IllegalArgumentException for integer samples of more than 16 bits, or non-finite
     *     floating-point samples
     */
    public static Image fromBufferedImage(BufferedImage buffered) {
        return BufferedImages.toImage(buffered);
    }

    /**
     * An 8-bit {@link BufferedImage} for display and result sheets: each sample divided by the
     * depth's {@link SampleDepth#maxValue()}, clamped to 0..1, times 255, rounded. Grey images
     * become {@link BufferedImage#TYPE_BYTE_GRAY} and RGB {@link BufferedImage#TYPE_INT_RGB}.
     * Drawing a {@code TYPE_BYTE_GRAY} image copies its levels unchanged; note that its
     * {@link BufferedImage#getRGB} converts them as linear grey to sRGB (Java2D's convention), so
     * read levels back with {@code getRaster().getSample}. The result is a new image the caller
     * owns; use {@link #write} to keep 16 bits in a file.
     */
    public static BufferedImage toBufferedImage(Image image) {
        return BufferedImages.toDisplay(image);
    }

    /**
     * Writes {@code image} as a PNG file: {@link SampleDepth#UINT8} as 8-bit, {@link SampleDepth#UINT16}
     * as 16-bit, {@link SampleDepth#FLOAT} as 8-bit after clamping to 0..1 and multiplying by 255
     * (values outside 0..1 are lost: normalise first if they matter); grey as grey, RGB as RGB.
     * Samples are rounded to the nearest integer and clamped to the depth's range, so an image
     * read from an 8- or 16-bit file is written back exactly.
     *
     * <p>The write is atomic: the PNG goes to a temporary file in the same folder, which is then
     * renamed over {@code path}, so a crash leaves either the previous file or the new one.
     *
     * @throws IllegalArgumentException if the file name does not end with {@code .png}
     *     (case-insensitive)
     * @throws IOException if the folder does not exist or the file cannot be written
     */
    public static void write(Image image, Path path) throws IOException {
        PngWriter.write(image, path);
    }
}
