package org.cbir.core.internal.index;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.StoreDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ids and vectors of a {@link VectorView} inside an index's checksummed file, written and
 * read the same way by every index that stores rows in a {@link VectorStore}, in the encodings of
 * {@link ChecksummedFiles}: in blocks (LSH Forest, graph; the quantized scans' version-1 files)
 * <pre>
 * ids:      longs(count)                                          the live rows' ids, in row order
 * vectors:  ceil(count / 1024) x floats(rows in the block x d)    row-major, 1024 rows a block
 * </pre>
 * or in the contiguous layout that can be memory-mapped ({@link #writeIdsAndContiguousVectors},
 * {@link MappedRows}; the quantized scans and the exact index):
 * <pre>
 * ids:      longs(count)                                          the live rows' ids, in row order
 * padding:  byte[0 .. 63]                                         zeros, so that the vectors start at a
 *                                                                 multiple of 64 bytes from the file's start
 * vectors:  float32le[count x d]                                  row after row, little-endian (the byte
 *                                                                 order of the CPUs the library runs on)
 * </pre>
 * The count itself is the caller's (it writes it among its own header fields). Dead rows are
 * skipped, so the live rows are numbered densely from 0 in the file. Static and stateless.
 */
public final class VectorFiles {
    /** Vectors are written in blocks of this many rows. */
    public static final int BLOCK_ROWS = 1024;
    /** The contiguous vectors start at a multiple of this many bytes from the start of the file. */
    public static final int ALIGNMENT = 64;
    private static final int IO_FLOATS = 1 << 14;
    private static final Logger LOG = LoggerFactory.getLogger(VectorFiles.class);

    private VectorFiles() {
    }

    /** Where {@link #readIdsAndVectors} hands each row. */
    @FunctionalInterface
    public interface RowSink {
        /** Takes the vector {@code block[offset .. offset + dimension)} (copy what is kept) under {@code id}. */
        void accept(long id, float[] block, int offset) throws IOException;
    }

    /** Writes the ids, then the vectors, of the live rows of {@code view} ({@code view.size()} of them). */
    public static void writeIdsAndVectors(DataOutputStream out, VectorView view) throws IOException {
        int count = view.size();
        int dimension = view.dimension();
        ChecksummedFiles.writeLongs(out, liveIds(view));
        int row = 0;
        for (int first = 0; first < count; first += BLOCK_ROWS) {
            int rows = Math.min(BLOCK_ROWS, count - first);
            float[] block = new float[rows * dimension];
            for (int r = 0; r < rows; r++, row++) {
                while (!view.isLive(row)) {
                    row++;
                }
                view.copyRow(row, block, r * dimension);
            }
            ChecksummedFiles.writeFloats(out, block);
        }
    }

    /**
     * Reads {@code count} ids and vectors of {@code dimension} as {@link #writeIdsAndVectors} wrote
     * them and hands them, in order, to {@code sink}, which stores them in {@code target}.
     *
     * @throws org.cbir.core.io.CorruptFileException if the ids or a block have another length,
     *     or an id appears twice ({@code target} already holds it)
     */
    public static void readIdsAndVectors(DataInputStream in, int count, int dimension, VectorView target,
            RowSink sink) throws IOException {
        long[] ids = ChecksummedFiles.readLongs(in);
        if (ids.length != count) {
            throw ChecksummedFiles.corrupt(in, ids.length + " ids for " + count + " vectors");
        }
        for (int first = 0; first < count; first += BLOCK_ROWS) {
            int rows = Math.min(BLOCK_ROWS, count - first);
            float[] block = ChecksummedFiles.readFloats(in);
            if (block.length != (long) rows * dimension) {
                throw ChecksummedFiles.corrupt(in, "a block of vectors has " + block.length + " values, expected "
                        + (long) rows * dimension);
            }
            for (int r = 0; r < rows; r++) {
                long id = ids[first + r];
                if (target.rowOf(id) >= 0) {
                    throw ChecksummedFiles.corrupt(in, "id " + id + " appears twice");
                }
                sink.accept(id, block, r * dimension);
            }
        }
    }

    /** Where the contiguous vectors of a file lie: their ids, in row order, and the offset of their first byte. */
    public record ContiguousRows(long[] ids, long vectorsStart) {
    }

    /** Writes the ids, then the vectors, of the live rows of {@code view} in the contiguous layout. */
    public static void writeIdsAndContiguousVectors(DataOutputStream out, VectorView view) throws IOException {
        ChecksummedFiles.writeLongs(out, liveIds(view));
        ChecksummedFiles.writePadding(out, ALIGNMENT);
        int dimension = view.dimension();
        ByteBuffer bytes = ByteBuffer.allocate(Math.max(IO_FLOATS, dimension) * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = bytes.asFloatBuffer();
        float[] row = new float[dimension];
        for (int r = 0; r < view.rows(); r++) {
            if (!view.isLive(r)) {
                continue;
            }
            if (floats.remaining() < dimension) {
                out.write(bytes.array(), 0, floats.position() * Float.BYTES);
                floats.clear();
            }
            view.copyRow(r, row, 0);
            floats.put(row);
        }
        out.write(bytes.array(), 0, floats.position() * Float.BYTES);
    }

    /**
     * Reads {@code count} ids and vectors of {@code dimension} in the contiguous layout onto the
     * heap and hands them, in order, to {@code sink}, as {@link #readIdsAndVectors} does.
     *
     * @throws org.cbir.core.io.CorruptFileException if the ids have another length, the padding is
     *     not zero, or an id appears twice
     */
    public static void readIdsAndContiguousVectors(DataInputStream in, int count, int dimension, VectorView target,
            RowSink sink) throws IOException {
        long[] ids = readIdsAndPadding(in, count);
        int rowsPerRead = Math.max(1, IO_FLOATS / dimension);
        ByteBuffer bytes = ByteBuffer.allocate(rowsPerRead * dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        float[] block = new float[rowsPerRead * dimension];
        for (int first = 0; first < count; first += rowsPerRead) {
            int rows = Math.min(rowsPerRead, count - first);
            in.readFully(bytes.array(), 0, rows * dimension * Float.BYTES);
            bytes.asFloatBuffer().get(block, 0, rows * dimension);
            for (int r = 0; r < rows; r++) {
                long id = ids[first + r];
                if (target.rowOf(id) >= 0) {
                    throw ChecksummedFiles.corrupt(in, "id " + id + " appears twice");
                }
                sink.accept(id, block, r * dimension);
            }
        }
    }

    /**
     * Reads {@code count} ids in the contiguous layout and skips their vectors (which the stream
     * still reads, for the file's checksum), returning where the vectors lie, to be
     * {@linkplain MappedRows#map mapped} once the file has been read. Distinct ids are the
     * caller's check ({@link VectorStore#onMapped} makes it).
     *
     * @throws org.cbir.core.io.CorruptFileException if the ids have another length or the padding is not zero
     */
    public static ContiguousRows locateIdsAndContiguousVectors(DataInputStream in, int count, int dimension)
            throws IOException {
        long[] ids = readIdsAndPadding(in, count);
        long start = ChecksummedFiles.position(in);
        long left = (long) count * dimension * Float.BYTES;
        while (left > 0) {
            int skipped = in.skipBytes((int) Math.min(left, 1 << 30));
            if (skipped <= 0) {
                throw new EOFException("the vectors end early");
            }
            left -= skipped;
        }
        return new ContiguousRows(ids, start);
    }

    /**
     * The file {@code name} of {@code directory} on the local file system, to map; null, with a
     * log line saying the vectors are read onto the heap, for a store elsewhere.
     */
    public static Path localFileToMap(StoreDirectory directory, String name) {
        Path file = directory.localPath(name).orElse(null);
        if (file == null) {
            LOG.info("{} is not on the local file system and cannot be mapped: reading it onto the heap",
                    directory.location(name));
        }
        return file;
    }

    private static long[] readIdsAndPadding(DataInputStream in, int count) throws IOException {
        long[] ids = ChecksummedFiles.readLongs(in);
        if (ids.length != count) {
            throw ChecksummedFiles.corrupt(in, ids.length + " ids for " + count + " vectors");
        }
        ChecksummedFiles.readPadding(in, ALIGNMENT);
        return ids;
    }

    private static long[] liveIds(VectorView view) {
        long[] ids = new long[view.size()];
        for (int row = 0, live = 0; live < ids.length; row++) {
            if (view.isLive(row)) {
                ids[live++] = view.id(row);
            }
        }
        return ids;
    }
}
