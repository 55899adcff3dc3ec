package org.cbir.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.cbir.core.io.CorruptFileException;

/**
 * Reads the unsigned-byte image files of the IDX format (Y. LeCun's MNIST format, also used by
 * Fashion-MNIST): magic {@code 0x00000803}, then the image count, rows and columns as big-endian
 * ints, then the pixels row by row. Gzipped files ({@code .gz}) are decompressed on the fly.
 * A static utility, thread-safe.
 */
final class IdxFiles {
    private static final int UBYTE_IMAGES = 0x0803;
    private static final int UBYTE_LABELS = 0x0801;

    private IdxFiles() {
    }

    /**
     * The first {@code limit} images of {@code file} (all when {@code limit} is larger), each a
     * new array of {@code rows x columns} pixel values 0 to 255, owned by the caller.
     *
     * @throws CorruptFileException if the magic number is wrong or the file ends early
     */
    static float[][] readImages(Path file, int limit) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(
                        file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16))) {
            int magic = in.readInt();
            if (magic != UBYTE_IMAGES) {
                throw new CorruptFileException(file, "not an IDX file of unsigned-byte images (magic 0x"
                        + Integer.toHexString(magic) + ", expected 0x803)");
            }
            int count = Math.min(in.readInt(), limit);
            int pixels = in.readInt() * in.readInt();
            float[][] images = new float[count][pixels];
            byte[] buffer = new byte[pixels];
            for (float[] image : images) {
                in.readFully(buffer);
                for (int p = 0; p < pixels; p++) {
                    image[p] = buffer[p] & 0xFF;
                }
            }
            return images;
        } catch (java.io.EOFException e) {
            throw new CorruptFileException(file, "truncated IDX file", e);
        }
    }

    /**
     * The first {@code limit} labels of an IDX label file (magic {@code 0x00000801}, the count,
     * then one unsigned byte per item).
     *
     * @throws CorruptFileException if the magic number is wrong or the file ends early
     */
    static int[] readLabels(Path file, int limit) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(
                        file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16))) {
            int magic = in.readInt();
            if (magic != UBYTE_LABELS) {
                throw new CorruptFileException(file, "not an IDX label file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x801)");
            }
            int[] labels = new int[Math.min(in.readInt(), limit)];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = in.readUnsignedByte();
            }
            return labels;
        } catch (java.io.EOFException e) {
            throw new CorruptFileException(file, "truncated IDX file", e);
        }
    }
}
