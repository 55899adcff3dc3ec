package org.cbir.index.ivf;

import java.util.Arrays;
import org.cbir.core.internal.index.IdRows;
import org.cbir.core.internal.index.VectorView;
import org.cbir.core.internal.math.RowTiles;

/**
 * The vectors of an inverted file, list by list: each list holds its vectors contiguously in
 * core's {@link RowTiles} layout (tiles of {@value #W} rows, dimension-major inside a tile), so
 * that one kernel call scores a whole list; beside them, per row, the inverse norm (for the
 * cosine kernel) and the row's id. Slots number the vectors densely from 0 across all lists and
 * carry the ids: core's {@link IdRows} maps id to slot and back, and {@code places} maps a slot
 * to its list and position. Removal moves the last row of the list into the freed position and
 * the last slot into the freed slot, so lists and slots stay dense (no dead rows).
 *
 * <p>As a {@link VectorView} its rows are the slots (all live). Memory per vector: {@code 4 d}
 * for the floats, 4 for the inverse norm, 8 for the id in its list, 8 for the place, 13 to 15.5
 * for the id map, and the lists' spare room (a list grows by half its size).
 *
 * <p>Not thread-safe: the owning index changes it under its write lock and reads it under its
 * read lock.
 */
final class InvertedLists implements VectorView {
    static final int W = RowTiles.WIDTH;
    private static final int PLACE_BITS = 12;
    private static final int PLACE_CHUNK = 1 << PLACE_BITS;

    private final int dimension;
    private final int stride;
    private IdRows ids = new IdRows(16);
    /** Slot to {@code list << 32 | position}, in chunks (no huge array). */
    private long[][] places = new long[0][];
    private float[][] data;
    private float[][] inverseNorms;
    private long[][] rowIds;
    private int[] sizes;
    /** The sum of the squared list sizes, for {@link #imbalance()}. */
    private long squaredSizes;

    /** Empty lists, {@code lists} of them. */
    InvertedLists(int dimension, int lists) {
        this.dimension = dimension;
        this.stride = W * dimension;
        reset(lists);
    }

    private void reset(int lists) {
        data = new float[lists][0];
        inverseNorms = new float[lists][0];
        rowIds = new long[lists][0];
        sizes = new int[lists];
        squaredSizes = 0;
    }

    /** How many lists there are. */
    int lists() {
        return sizes.length;
    }

    /** Rows in {@code list}. */
    int size(int list) {
        return sizes[list];
    }

    /**
     * FAISS's imbalance factor: {@code lists x sum(size^2) / n^2}, 1 when every list holds as
     * many vectors, {@code lists} when one holds them all; the expected cost of a probe relative to
     * balanced lists. 1 for an empty index.
     */
    double imbalance() {
        long n = ids.liveCount();
        return n == 0 ? 1 : (double) sizes.length * squaredSizes / ((double) n * n);
    }

    /** The largest list's rows. */
    int largest() {
        int max = 0;
        for (int s : sizes) {
            max = Math.max(max, s);
        }
        return max;
    }

    /** The tiled floats of {@code list} (whole tiles; rows past its size are padding). Not a copy. */
    float[] data(int list) {
        return data[list];
    }

    /** The inverse norms of the rows of {@code list}, aligned with {@link #data}. Not a copy. */
    float[] inverseNorms(int list) {
        return inverseNorms[list];
    }

    /** The id of row {@code position} of {@code list}. */
    long id(int list, int position) {
        return rowIds[list][position];
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        return ids.liveCount();
    }

    @Override
    public int rows() {
        return ids.rows();
    }

    @Override
    public long id(int slot) {
        return ids.id(slot);
    }

    @Override
    public int rowOf(long id) {
        return ids.rowOf(id);
    }

    @Override
    public boolean isLive(int slot) {
        return true;
    }

    /** The list holding {@code slot}. */
    int listOf(int slot) {
        return (int) (place(slot) >>> 32);
    }

    @Override
    public void copyRow(int slot, float[] target, int offset) {
        long place = place(slot);
        copy((int) (place >>> 32), (int) place, target, offset);
    }

    /** Copies row {@code position} of {@code list} into {@code target} from {@code offset}. */
    void copy(int list, int position, float[] target, int offset) {
        float[] tiles = data[list];
        int base = (position / W) * stride + position % W;
        for (int j = 0; j < dimension; j++) {
            target[offset + j] = tiles[base + j * W];
        }
    }

    /**
     * Appends {@code vector[offset .. offset + d)} under the absent {@code id} to {@code list};
     * returns its slot.
     */
    int append(int list, long id, float[] vector, int offset) {
        int slot = ids.append(id);
        setPlace(slot, list, place(list, id, vector, offset));
        return slot;
    }

    /** Writes the row into the next position of {@code list}, growing it; returns the position. */
    private int place(int list, long id, float[] vector, int offset) {
        int position = sizes[list];
        if (position == rowIds[list].length) {
            int rows = Math.max(W, roundUp(position + (position >> 1) + 1));
            data[list] = Arrays.copyOf(data[list], rows * dimension);
            inverseNorms[list] = Arrays.copyOf(inverseNorms[list], rows);
            rowIds[list] = Arrays.copyOf(rowIds[list], rows);
        }
        float[] tiles = data[list];
        int base = (position / W) * stride + position % W;
        double norm = 0;
        for (int j = 0; j < dimension; j++) {
            float v = vector[offset + j];
            tiles[base + j * W] = v;
            norm += (double) v * v;
        }
        inverseNorms[list][position] = (float) (1 / Math.sqrt(Math.max(norm, Float.MIN_NORMAL)));
        rowIds[list][position] = id;
        sizes[list] = position + 1;
        squaredSizes += 2L * position + 1;
        return position;
    }

    /** Removes the row of {@code id}; returns whether there was one. */
    boolean remove(long id) {
        int slot = ids.unlink(id);
        if (slot < 0) {
            return false;
        }
        long place = place(slot);
        int list = (int) (place >>> 32);
        int position = (int) place;
        int last = sizes[list] - 1;
        if (position != last) { // the list's last row moves into the freed position
            float[] tiles = data[list];
            int to = (position / W) * stride + position % W;
            int from = (last / W) * stride + last % W;
            for (int j = 0; j < dimension; j++) {
                tiles[to + j * W] = tiles[from + j * W];
            }
            inverseNorms[list][position] = inverseNorms[list][last];
            long moved = rowIds[list][last];
            rowIds[list][position] = moved;
            setPlace(ids.rowOf(moved), list, position);
        }
        clearRow(list, last);
        sizes[list] = last;
        squaredSizes -= 2L * last + 1;
        int lastSlot = ids.rows() - 1;
        if (slot != lastSlot) { // the last slot moves into the freed one
            long movedPlace = place(lastSlot);
            setPlace(slot, (int) (movedPlace >>> 32), (int) movedPlace);
        }
        ids.moveLastTo(slot);
        int chunksInUse = (ids.rows() + PLACE_CHUNK - 1) >>> PLACE_BITS;
        if (chunksInUse < places.length - 1) {
            places = Arrays.copyOf(places, chunksInUse + 1);
        }
        if (rowIds[list].length > 64 && sizes[list] < rowIds[list].length / 4) { // give back the room of a list that shrank
            int rows = roundUp(sizes[list] * 2);
            data[list] = Arrays.copyOf(data[list], rows * dimension);
            inverseNorms[list] = Arrays.copyOf(inverseNorms[list], rows);
            rowIds[list] = Arrays.copyOf(rowIds[list], rows);
        }
        return true;
    }

    /** Zeroes a padding row, so that the kernels never see stale values. */
    private void clearRow(int list, int position) {
        float[] tiles = data[list];
        int base = (position / W) * stride + position % W;
        for (int j = 0; j < dimension; j++) {
            tiles[base + j * W] = 0;
        }
        inverseNorms[list][position] = 0;
    }

    /**
     * Moves every row into the list {@code assignment[slot]} of {@code lists} new lists, each
     * allocated at its exact size; slots, ids and the order of rows within a list (by slot) are
     * kept.
     */
    void redistribute(int lists, int[] assignment) {
        int rows = ids.rows();
        int[] counts = new int[lists];
        for (int s = 0; s < rows; s++) {
            counts[assignment[s]]++;
        }
        float[][] newData = new float[lists][];
        float[][] newNorms = new float[lists][];
        long[][] newIds = new long[lists][];
        for (int l = 0; l < lists; l++) {
            int capacity = roundUp(counts[l]);
            newData[l] = new float[capacity * dimension];
            newNorms[l] = new float[capacity];
            newIds[l] = new long[capacity];
        }
        float[] row = new float[dimension];
        float[][] oldData = data;
        data = newData;
        inverseNorms = newNorms;
        rowIds = newIds;
        sizes = new int[lists];
        squaredSizes = 0;
        for (int s = 0; s < rows; s++) {
            long place = place(s);
            int list = (int) (place >>> 32);
            int position = (int) place;
            float[] tiles = oldData[list];
            int base = (position / W) * stride + position % W;
            for (int j = 0; j < dimension; j++) {
                row[j] = tiles[base + j * W];
            }
            int to = assignment[s];
            setPlace(s, to, place(to, ids.id(s), row, 0));
        }
    }

    private long place(int slot) {
        return places[slot >>> PLACE_BITS][slot & (PLACE_CHUNK - 1)];
    }

    private void setPlace(int slot, int list, int position) {
        int chunk = slot >>> PLACE_BITS;
        if (chunk == places.length) {
            places = Arrays.copyOf(places, chunk + 1);
            places[chunk] = new long[PLACE_CHUNK];
        }
        places[chunk][slot & (PLACE_CHUNK - 1)] = (long) list << 32 | (position & 0xffffffffL);
    }

    /** {@code rows} rounded up to whole tiles. */
    static int roundUp(int rows) {
        return (rows + W - 1) / W * W;
    }
}
