package org.cbir.core.internal.index;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * Rows of floats read in place from a file mapped read-only into memory, in mappings of whole
 * rows of at most 1 GiB each (a single mapping cannot exceed 2 GiB). The operating system pages
 * the rows in on demand and may drop them again, so the rows need no heap.
 *
 * <p>The read-only base of the exact scan's rows and of a {@link VectorStore} on a mapped file
 * (the quantized scans' floats): rows {@code [0, rows())} of a file that {@link VectorFiles}
 * wrote contiguously. Immutable and thread-safe (it reads with absolute positions only). The
 * mappings live until this object is garbage-collected; the file may be replaced meanwhile (saves
 * rename a new file into place), but it must not be truncated or rewritten in place.
 */
public final class MappedRows {
    private static final long MAX_MAPPING_BYTES = 1L << 30;

    private final int dimension;
    private final int rows;
    private final int rowsPerMapping;
    private final FloatBuffer[] mappings;
    private final Path file;
    private final long size;
    private final FileTime modified;
    private final Object fileKey;

    private MappedRows(int dimension, int rows, int rowsPerMapping, FloatBuffer[] mappings, Path file,
            BasicFileAttributes attributes) {
        this.file = file;
        this.size = attributes.size();
        this.modified = attributes.lastModifiedTime();
        this.fileKey = attributes.fileKey();
        this.dimension = dimension;
        this.rows = rows;
        this.rowsPerMapping = rowsPerMapping;
        this.mappings = mappings;
    }

    /**
     * Maps {@code rows} rows of {@code dimension} little-endian floats starting at byte
     * {@code position} of {@code file}.
     *
     * @param rowsPerBlock each mapping holds a multiple of this many rows, so that a block of
     *     rows starting at a multiple of it never spans two mappings
     */
    public static MappedRows map(Path file, long position, int dimension, int rows, int rowsPerBlock) throws IOException {
        long rowBytes = 4L * dimension;
        long blocksPerMapping = Math.max(1, MAX_MAPPING_BYTES / (rowBytes * rowsPerBlock));
        int rowsPerMapping = (int) Math.min(Integer.MAX_VALUE, blocksPerMapping * rowsPerBlock);
        int count = rows == 0 ? 0 : (int) ((rows + (long) rowsPerMapping - 1) / rowsPerMapping);
        FloatBuffer[] mappings = new FloatBuffer[count];
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int m = 0; m < count; m++) {
                int first = m * rowsPerMapping;
                int inMapping = Math.min(rowsPerMapping, rows - first);
                mappings[m] = channel.map(FileChannel.MapMode.READ_ONLY, position + first * rowBytes,
                        inMapping * rowBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            }
        }
        return new MappedRows(dimension, rows, rowsPerMapping, mappings, file, attributes);
    }

    /**
     * Checks, with one {@code stat}, that the mapped file still has the size and modification
     * time it had when it was mapped. A save by cbir renames a new file into place, which leaves
     * this mapping on the old file, intact; this catches the file being rewritten or truncated in
     * place (by another program), which would answer from the new bytes or fail with an
     * {@link InternalError} when a page is gone.
     *
     * @throws IllegalStateException naming the file if it changed
     */
    public void requireUnchanged() {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            // deleted or renamed over: the mapping still holds the file that was loaded
            return;
        }
        if (fileKey != null && !fileKey.equals(now.fileKey())) {
            return; // the path names a new file (a save renamed it into place); the mapping holds the old one
        }
        if (now.size() != size || !now.lastModifiedTime().equals(modified)) {
            throw changed(null);
        }
    }

    private IllegalStateException changed(Throwable cause) {
        return new IllegalStateException(file + " was changed in place while it was memory-mapped (it had " + size
                + " bytes, modified " + modified + "): load the store again", cause);
    }

    /** The length of every row. */
    public int dimension() {
        return dimension;
    }

    /** How many rows are mapped. */
    public int rows() {
        return rows;
    }

    /**
     * Copies rows {@code [first, first + count)}, which must lie in one mapping (true for a block
     * that starts at a multiple of the {@code rowsPerBlock} given to {@link #map}), into
     * {@code target} from index 0.
     */
    public void copyRows(int first, int count, float[] target) {
        int mapping = first / rowsPerMapping;
        int index = (first - mapping * rowsPerMapping) * dimension;
        try {
            mappings[mapping].get(index, target, 0, count * dimension);
        } catch (InternalError e) {
            throw changed(e); // a page of a truncated file faulted
        }
    }

    /** Copies row {@code row} into {@code target} from index 0. */
    public void copyRow(int row, float[] target) {
        copyRows(row, 1, target);
    }

    /** Copies row {@code row} into {@code target} from {@code offset}. */
    public void copyRow(int row, float[] target, int offset) {
        int mapping = row / rowsPerMapping;
        int index = (row - mapping * rowsPerMapping) * dimension;
        try {
            mappings[mapping].get(index, target, offset, dimension);
        } catch (InternalError e) {
            throw changed(e); // a page of a truncated file faulted
        }
    }
}
