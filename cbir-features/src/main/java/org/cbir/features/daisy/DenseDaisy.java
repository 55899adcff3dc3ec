package org.cbir.features.daisy;

import java.util.Arrays;
import java.util.Objects;

/**
 * The grid of DAISY descriptors of one image, as scikit-image returns it: {@link #rows()} x
 * {@link #columns()} descriptors of {@link #length()} values. Descriptor {@code (row, column)}
 * is centred on pixel {@code (radius + row * step, radius + column * step)}. Immutable; accessors
 * return copies.
 */
public final class DenseDaisy {
    private final int rows;
    private final int columns;
    private final int length;
    private final float[] values;

    DenseDaisy(int rows, int columns, int length, float[] values) {
        if ((long) rows * columns * length != values.length) {
            throw new IllegalArgumentException(rows + "x" + columns + " descriptors of " + length
                    + " values need " + (long) rows * columns * length + " values, got " + values.length);
        }
        this.rows = rows;
        this.columns = columns;
        this.length = length;
        this.values = values;
    }

    /** Descriptor rows (along the image's height). */
    public int rows() {
        return rows;
    }

    /** Descriptor columns (along the image's width). */
    public int columns() {
        return columns;
    }

    /** Values per descriptor. */
    public int length() {
        return length;
    }

    /** Value {@code index} of the descriptor at grid {@code (row, column)}. */
    public float value(int row, int column, int index) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, columns);
        Objects.checkIndex(index, length);
        return values[(row * columns + column) * length + index];
    }

    /** The descriptor at grid {@code (row, column)}, a new array. */
    public float[] descriptor(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, columns);
        int from = (row * columns + column) * length;
        return Arrays.copyOfRange(values, from, from + length);
    }

    /** All values, grid row-major, each descriptor contiguous (scikit-image's array flattened); a copy. */
    public float[] values() {
        return values.clone();
    }

    @Override
    public String toString() {
        return "DenseDaisy[" + rows + "x" + columns + " descriptors of " + length + "]";
    }
}
