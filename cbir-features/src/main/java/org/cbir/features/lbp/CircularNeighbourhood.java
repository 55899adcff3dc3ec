package org.cbir.features.lbp;

import org.cbir.core.internal.math.ArrayLengths;

/**
 * The {@code P} sample points on a circle of radius {@code R} around each pixel, and the
 * bilinear interpolation of the image at them, reproducing scikit-image 0.19's
 * {@code _local_binary_pattern} bit for bit:
 * <ul>
 * <li>the radius is used in single precision (scikit-image declares it a C {@code float});</li>
 * <li>point {@code i} lies at row offset {@code -R sin(2 pi i / P)} and column offset
 *     {@code R cos(2 pi i / P)}, each rounded to 5 decimals (numpy's {@code round(x, 5)}:
 *     {@code rint(x * 1e5) / 1e5});</li>
 * <li>the value at (r + dr, c + dc) interpolates the pixels at the floor and ceiling of each
 *     coordinate, with weights {@code r + dr - floor(r + dr)} computed per pixel; pixels outside
 *     the image count as 0.</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class CircularNeighbourhood {
    final int points;
    private final double[] rowOffsets;
    private final double[] colOffsets;
    /** Zero border wide enough for every sample point of every pixel. */
    private final int margin;

    CircularNeighbourhood(int points, double radius) {
        this.points = points;
        double r = (float) radius;
        this.rowOffsets = new double[points];
        this.colOffsets = new double[points];
        for (int i = 0; i < points; i++) {
            double angle = 2 * Math.PI * i / points;
            rowOffsets[i] = roundTo5Decimals(-r * Math.sin(angle));
            colOffsets[i] = roundTo5Decimals(r * Math.cos(angle));
        }
        this.margin = (int) Math.ceil(r) + 2;
    }

    private static double roundTo5Decimals(double v) {
        return Math.rint(v * 1e5) / 1e5;
    }

    /** Receives the interpolated neighbour values of each row of pixels. */
    interface RowVisitor {
        /**
         * Called once per image row, top to bottom.
         *
         * @param row the row index
         * @param centres the row's pixel values at {@code centres[centreOffset + x]}
         * @param neighbors the value of sample point {@code i} of the pixel in column {@code x}
         *     at {@code neighbours[i * width + x]}; reused between calls
         */
        void visit(int row, double[] centres, int centreOffset, double[] neighbors);
    }

    /**
     * Interpolates the neighbours of every pixel of {@code image} ({@code width x height},
     * row-major). Because the offsets have at most 5 decimals, {@code floor(x + offset)} is
     * {@code x + floor(offset)} for every column {@code x} (and likewise for rows), so each
     * sample point reads contiguous runs of the padded image; the interpolation weights are still
     * computed per pixel as {@code (x + offset) - floor(x + offset)}, exactly as scikit-image does.
     */
    void forEachRow(float[] image, int width, int height, RowVisitor visitor) {
        int p = points;
        int stride = Math.addExact(width, 2 * margin);
        double[] padded = new double[ArrayLengths.of("LBP padded image", height + 2 * margin, stride)];
        for (int y = 0; y < height; y++) {
            int to = (y + margin) * stride + margin;
            int from = y * width;
            for (int x = 0; x < width; x++) {
                padded[to + x] = image[from + x];
            }
        }
        int[] colShift = new int[p];
        boolean[] colExact = new boolean[p];
        double[] colWeight = new double[ArrayLengths.of("LBP neighbour rows", p, width)];
        for (int i = 0; i < p; i++) {
            double offset = colOffsets[i];
            colShift[i] = (int) Math.floor(offset);
            colExact[i] = offset == Math.floor(offset);
            for (int x = 0; x < width; x++) {
                double c = x + offset;
                colWeight[i * width + x] = c - Math.floor(c);
            }
        }
        double[] neighbors = new double[ArrayLengths.of("LBP neighbour rows", p, width)];
        for (int y = 0; y < height; y++) {
            for (int i = 0; i < p; i++) {
                double r = y + rowOffsets[i];
                double low = Math.floor(r);
                double dr = r - low;
                int top = ((int) low + margin) * stride + margin + colShift[i];
                int base = i * width;
                if (dr == 0 && colExact[i]) {
                    // On the grid: the interpolation returns the pixel itself.
                    for (int x = 0; x < width; x++) {
                        neighbors[base + x] = padded[top + x];
                    }
                    continue;
                }
                int right = colExact[i] ? 0 : 1;
                int bottom = dr == 0 ? top : top + stride;
                double keep = 1 - dr;
                for (int x = 0; x < width; x++) {
                    double dc = colWeight[base + x];
                    double upper = (1 - dc) * padded[top + x] + dc * padded[top + x + right];
                    double lower = (1 - dc) * padded[bottom + x] + dc * padded[bottom + x + right];
                    neighbors[base + x] = keep * upper + dr * lower;
                }
            }
            visitor.visit(y, padded, (y + margin) * stride + margin, neighbors);
        }
    }
}
