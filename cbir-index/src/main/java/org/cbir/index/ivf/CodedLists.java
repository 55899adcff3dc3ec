package org.cbir.index.ivf;

import java.util.Arrays;

/**
 * The inverted lists of an IVF-PQ index: per list, the product-quantizer codes of its vectors
 * ({@code m} bytes each, row after row), their distance corrections (a float each, see
 * {@link ProductQuantizer#correction}) and the rows of the index's vector store that hold their
 * floats; beside them, per store row, its list and position. Removal moves the list's last entry
 * into the freed position, so lists stay dense (no dead entries).
 *
 * <p>Memory per vector: {@code m} bytes of codes, 4 for the correction, 4 for the store row, 8
 * for its place, and the lists' spare room (a list grows by half its size).
 *
 * <p>Not thread-safe: the owning index changes it under its write lock and reads it under its
 * read lock.
 */
final class CodedLists {
    private final int m;
    private byte[][] codes;
    private float[][] corrections;
    private int[][] rows;
    private int[] sizes;
    /** The sum of the squared list sizes, for {@link #imbalance()}. */
    private long squaredSizes;
    private int count;
    /** Store row to its list and position in it. */
    private int[] listOf = new int[0];
    private int[] positionOf = new int[0];

    /** {@code lists} empty lists of codes of {@code m} bytes. */
    CodedLists(int m, int lists) {
        this.m = m;
        this.codes = new byte[lists][0];
        this.corrections = new float[lists][0];
        this.rows = new int[lists][0];
        this.sizes = new int[lists];
    }

    int lists() {
        return sizes.length;
    }

    /** Entries in {@code list}. */
    int size(int list) {
        return sizes[list];
    }

    /** Entries in all lists. */
    int count() {
        return count;
    }

    /** The codes of {@code list}, {@code m} bytes per entry (the array may be longer). Not a copy. */
    byte[] codes(int list) {
        return codes[list];
    }

    /** The corrections of {@code list}, aligned with its entries. Not a copy. */
    float[] corrections(int list) {
        return corrections[list];
    }

    /** The store rows of {@code list}, aligned with its entries. Not a copy. */
    int[] rows(int list) {
        return rows[list];
    }

    /** The list that holds store row {@code row}. */
    int listOf(int row) {
        return listOf[row];
    }

    /** The position of store row {@code row} in its list. */
    int positionOf(int row) {
        return positionOf[row];
    }

    /**
     * FAISS's imbalance factor, {@code lists x sum(size^2) / n^2}: 1 for equal lists, the expected
     * cost of a probe relative to them. 1 when empty.
     */
    double imbalance() {
        return count == 0 ? 1 : (double) sizes.length * squaredSizes / ((double) count * count);
    }

    /** Appends store row {@code row} to {@code list} with its codes {@code source[offset .. offset + m)} and correction. */
    void append(int list, int row, byte[] source, int offset, float correction) {
        int position = sizes[list];
        if (position == rows[list].length) {
            int capacity = Math.max(8, position + (position >> 1) + 1);
            codes[list] = Arrays.copyOf(codes[list], capacity * m);
            corrections[list] = Arrays.copyOf(corrections[list], capacity);
            rows[list] = Arrays.copyOf(rows[list], capacity);
        }
        System.arraycopy(source, offset, codes[list], position * m, m);
        corrections[list][position] = correction;
        rows[list][position] = row;
        sizes[list] = position + 1;
        squaredSizes += 2L * position + 1;
        count++;
        if (row >= listOf.length) {
            int capacity = Math.max(16, Math.max(row + 1, listOf.length + (listOf.length >> 1)));
            listOf = Arrays.copyOf(listOf, capacity);
            positionOf = Arrays.copyOf(positionOf, capacity);
        }
        listOf[row] = list;
        positionOf[row] = position;
    }

    /** Removes the entry of store row {@code row}: the last entry of its list takes its position. */
    void remove(int row) {
        int list = listOf[row];
        int position = positionOf[row];
        int last = sizes[list] - 1;
        if (position != last) {
            System.arraycopy(codes[list], last * m, codes[list], position * m, m);
            corrections[list][position] = corrections[list][last];
            int moved = rows[list][last];
            rows[list][position] = moved;
            positionOf[moved] = position;
        }
        sizes[list] = last;
        squaredSizes -= 2L * last + 1;
        count--;
        if (rows[list].length > 64 && last < rows[list].length / 4) { // give back the room of a list that shrank
            int capacity = 2 * last;
            codes[list] = Arrays.copyOf(codes[list], capacity * m);
            corrections[list] = Arrays.copyOf(corrections[list], capacity);
            rows[list] = Arrays.copyOf(rows[list], capacity);
        }
    }

    /** Store row {@code from} has moved to row {@code to} (which held a removed vector): its entry follows. */
    void moveRow(int from, int to) {
        int list = listOf[from];
        int position = positionOf[from];
        rows[list][position] = to;
        listOf[to] = list;
        positionOf[to] = position;
        int inUse = from; // rows at or above 'from' are free now
        if (listOf.length > 64 && inUse < listOf.length / 4) {
            listOf = Arrays.copyOf(listOf, 2 * inUse);
            positionOf = Arrays.copyOf(positionOf, 2 * inUse);
        }
    }
}
