package org.cbir.core.internal.index;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.cbir.core.internal.io.ChecksummedFiles;

/**
 * The ids and vectors of a {@link VectorView} inside an index's checksummed file, written and
 * read the same way by every index that stores rows in a {@link VectorStore} (LSH Forest, graph,
 * int8 scan), in the encodings of {@link ChecksummedFiles}:
 * <pre>
 * ids:      longs(count)                                          the live rows' ids, in row order
 * vectors:  ceil(count / 1024) x floats(rows in the block x d)    row-major, 1024 rows a block
 * </pre>
 * The count itself is the caller's (it writes it among its own header fields). Dead rows are
 * skipped, so the live rows are numbered densely from 0 in the file. Static and stateless.
 */
public final class VectorFiles {
    /** Vectors are written in blocks of this many rows. */
    public static final int BLOCK_ROWS = 1024;

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
        long[] ids = new long[count];
        for (int row = 0, live = 0; live < count; row++) {
            if (view.isLive(row)) {
                ids[live++] = view.id(row);
            }
        }
        ChecksummedFiles.writeLongs(out, ids);
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
}
