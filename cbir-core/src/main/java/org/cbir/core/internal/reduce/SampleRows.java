package org.cbir.core.internal.reduce;

import java.util.List;

/** The checks every reducer of this package makes of the sample it is fitted on. */
final class SampleRows {
    private SampleRows() {
    }

    /**
     * The common length of the sample's rows.
     *
     * @param reducer the reducer's name, for the messages
     * @throws IllegalArgumentException if the sample is empty, a row is null or empty, rows differ
     *     in length, or a value is not finite (each message names the row)
     */
    static int dimension(List<float[]> sample, String reducer) {
        if (sample.isEmpty()) {
            throw new IllegalArgumentException("cannot fit a " + reducer + " on an empty sample");
        }
        int dimension = -1;
        for (int i = 0; i < sample.size(); i++) {
            float[] row = sample.get(i);
            if (row == null || row.length == 0) {
                throw new IllegalArgumentException("row " + i + " of the " + reducer + " sample is "
                        + (row == null ? "null" : "empty"));
            }
            if (dimension < 0) {
                dimension = row.length;
            } else if (row.length != dimension) {
                throw new IllegalArgumentException("row " + i + " of the " + reducer + " sample has " + row.length
                        + " values, row 0 has " + dimension);
            }
            for (float v : row) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("row " + i + " of the " + reducer + " sample holds " + v);
                }
            }
        }
        return dimension;
    }
}
