package org.cbir.core.internal.search;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cbir.core.Similarity;
import org.cbir.core.internal.index.MappedRows;
import org.cbir.core.internal.index.VectorFiles;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.internal.math.RowTiles;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.StoreDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file {@value #FILE} of a saved {@link ExactScanIndex}: a {@link ChecksummedFiles} file of codec
 * {@value #CODEC}. Version 2 (written now) stores the vectors as one contiguous, aligned block
 * that can be memory-mapped; version 1 (read still) stores them row by row.
 * <pre>
 * Body (v2) := dimension:int32 count:int32 ids:Longs padding:byte[p] vectors:float32le[count * dimension]
 *              (ids, padding and vectors: the contiguous layout of {@link VectorFiles}, shared with
 *              the quantized scans)
 * Longs     := count:int32 int64[count]          (ChecksummedFiles.writeLongs, big-endian)
 * p         := 0 to 63 zero bytes, so that the vectors start at a multiple of 64 bytes from the
 *              start of the file (the header is 12 + codec length + 16 = 44 bytes)
 * vectors   := row after row, each of dimension floats, little-endian (the byte order of the
 *              CPUs the library runs on, so that a mapped file is read without swapping)
 *
 * Body (v1) := dimension:int32 count:int32 (id:int64 Floats)[count]
 * Floats    := length:int32 float32[length]       (ChecksummedFiles.writeFloats, big-endian)
 * </pre>
 * Ids are distinct and rows are those live at the save, in storage order.
 *
 * <p>Loading checks the CRC-32 of the whole file before anything is used, also for a mapped load:
 * {@link ChecksummedFiles#read} streams the file once to check the CRC and once more while the
 * body is parsed (a mapped load skips over the vectors in that pass; the skipping still reads
 * them to check the CRC again), so opening a mapped index reads the file twice, sequentially,
 * without holding it on the heap. Stateless and thread-safe.
 */
final class ExactScanFile {
    static final String FILE = "vectors.bin";
    static final String CODEC = "cbir.exact-index";
    static final int VERSION = 2;
    static final int ROWS_VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(ExactScanFile.class);

    private ExactScanFile() {
    }

    /** Writes the live rows of {@code store} as a version-2 file in {@code directory}. */
    static void write(StoreDirectory directory, RowStore store) throws IOException {
        ChecksummedFiles.write(directory, FILE, CODEC, VERSION, out -> {
            out.writeInt(store.dimension());
            out.writeInt(store.size());
            VectorFiles.writeIdsAndContiguousVectors(out, store);
        });
    }

    /** Reads {@code directory}'s file onto the heap (version 1 or 2). */
    static ExactScanIndex read(StoreDirectory directory, Similarity similarity) throws IOException {
        return ChecksummedFiles.read(directory, FILE, CODEC, ROWS_VERSION, VERSION,
                (in, version) -> readBody(in, version, similarity));
    }

    private static ExactScanIndex readBody(DataInputStream in, int version, Similarity similarity) throws IOException {
        int dimension = in.readInt();
        int count = in.readInt();
        requireShape(in, dimension, count);
        ExactScanIndex index = new ExactScanIndex(dimension, similarity);
        if (version == ROWS_VERSION) {
            readRows(in, index, dimension, count);
        } else {
            float[] vector = new float[dimension]; // the store copies what it adds into its tiles
            VectorFiles.readIdsAndContiguousVectors(in, count, dimension, index.view(), (id, block, offset) -> {
                System.arraycopy(block, offset, vector, 0, dimension);
                index.add(id, vector);
            });
        }
        return index;
    }

    /**
     * Loads {@code directory}'s file with its vectors memory-mapped (version 2; a version-1 file
     * is read onto the heap, with a log line saying to save it again; so is a file of a store
     * that is not on the local file system, which cannot be mapped).
     */
    static ExactScanIndex map(StoreDirectory directory, Similarity similarity) throws IOException {
        Path file = VectorFiles.localFileToMap(directory, FILE);
        if (file == null) {
            return read(directory, similarity);
        }
        MappedLayout layout = ChecksummedFiles.read(directory, FILE, CODEC, ROWS_VERSION, VERSION, (in, version) -> {
            if (version == ROWS_VERSION) {
                return new MappedLayout(0, null, 0, readBody(in, version, similarity));
            }
            int dimension = in.readInt();
            int count = in.readInt();
            requireShape(in, dimension, count);
            VectorFiles.ContiguousRows rows = VectorFiles.locateIdsAndContiguousVectors(in, count, dimension);
            return new MappedLayout(dimension, rows.ids(), rows.vectorsStart(), null);
        });
        if (layout.heap() != null) {
            LOG.info("{} has the row-by-row format version 1, which cannot be mapped: read it onto the heap; "
                    + "save the index again to map it next time", file);
            return layout.heap();
        }
        int dimension = layout.dimension();
        long end = layout.vectorsStart() + (long) layout.ids().length * dimension * Float.BYTES;
        if (end + ChecksummedFiles.FOOTER_LENGTH != Files.size(file)) {
            throw new CorruptFileException(file, "the vectors do not end where the footer starts");
        }
        MappedRows rows = MappedRows.map(file, layout.vectorsStart(), dimension, layout.ids().length,
                RowStore.rowsPerBlock(dimension));
        RowStore store;
        try {
            store = new RowStore(dimension, ExactScanIndex.checksNorms(similarity), rows, layout.ids());
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(file, e.getMessage());
        }
        return new ExactScanIndex(dimension, similarity, true, store, RowTiles.preferred());
    }

    /** Where a version-2 file's vectors lie, or, for a version-1 file, the index read onto the heap. */
    private record MappedLayout(int dimension, long[] ids, long vectorsStart, ExactScanIndex heap) {
    }

    private static void requireShape(DataInputStream in, int dimension, int count) throws IOException {
        if (dimension < 1 || count < 0) {
            throw ChecksummedFiles.corrupt(in, "invalid dimension " + dimension + " or count " + count);
        }
    }

    private static void readRows(DataInputStream in, ExactScanIndex index, int dimension, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            float[] vector = ChecksummedFiles.readFloats(in);
            if (vector.length != dimension) {
                throw ChecksummedFiles.corrupt(in, "vector " + i + " has length " + vector.length
                        + ", expected " + dimension);
            }
            addDistinct(in, index, id, vector);
        }
    }

    private static void addDistinct(DataInputStream in, ExactScanIndex index, long id, float[] vector) throws IOException {
        if (index.contains(id)) {
            throw ChecksummedFiles.corrupt(in, "id " + id + " appears twice");
        }
        index.add(id, vector);
    }
}
