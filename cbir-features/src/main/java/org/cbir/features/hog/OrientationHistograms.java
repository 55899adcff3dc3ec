package org.cbir.features.hog;

import org.cbir.core.internal.math.ArrayLengths;

/**
 * Gradient orientation histograms of the cells of a grey image, computed exactly as
 * scikit-image 0.19's {@code hog} and its {@code _hoghistogram.hog_histograms} compute them:
 * <ul>
 * <li>gradients by central differences in single precision, {@code g_row = I[r+1] - I[r-1]}
 *     and {@code g_col = I[c+1] - I[c-1]}, zero on the first and last row (for {@code g_row})
 *     and column (for {@code g_col});</li>
 * <li>magnitude {@code hypot(g_col, g_row)} and orientation
 *     {@code degrees(atan2(g_row, g_col)) mod 180} in double precision;</li>
 * <li>each pixel votes its whole magnitude, without interpolation, into the bin {@code i}
 *     with {@code 180/n * i <= orientation < 180/n * (i + 1)} of its own cell; the votes are
 *     summed in single precision in row-major order and divided by the cell's pixel count.</li>
 * </ul>
 * Pixels right of or below the last whole cell are ignored.
 */
final class OrientationHistograms {
    private static final double RADIANS_TO_DEGREES = 180.0 / Math.PI;

    private OrientationHistograms() {
    }

    /**
     * The histograms of all cells, indexed {@code (cellRow * cellsAcross + cellColumn) * bins + bin}.
     *
     * @param image grey intensities, row-major, {@code width x height}; not modified
     */
    static double[] compute(float[] image, int width, int height, int cellWidth, int cellHeight, int bins) {
        int cellsAcross = width / cellWidth;
        int cellsDown = height / cellHeight;
        double[] histograms = new double[ArrayLengths.of("HOG cell histograms", cellsAcross, cellsDown, bins)];
        float[] totals = new float[bins];
        double binWidth = 180.0 / bins;
        float pixelsPerCell = (float) (cellWidth * cellHeight);
        for (int cy = 0; cy < cellsDown; cy++) {
            for (int cx = 0; cx < cellsAcross; cx++) {
                java.util.Arrays.fill(totals, 0f);
                for (int y = cy * cellHeight; y < (cy + 1) * cellHeight; y++) {
                    boolean rowEdge = y == 0 || y == height - 1;
                    int row = y * width;
                    for (int x = cx * cellWidth; x < (cx + 1) * cellWidth; x++) {
                        float gRow = rowEdge ? 0f : image[row + width + x] - image[row - width + x];
                        float gCol = x == 0 || x == width - 1 ? 0f : image[row + x + 1] - image[row + x - 1];
                        if (gRow == 0f && gCol == 0f) {
                            continue; // a zero magnitude adds nothing to any bin
                        }
                        double magnitude = Math.sqrt((double) gCol * gCol + (double) gRow * gRow);
                        double degrees = StrictMath.atan2(gRow, gCol) * RADIANS_TO_DEGREES;
                        double orientation = degrees % 180.0;
                        if (orientation < 0) {
                            orientation += 180.0;
                        }
                        int bin = bin(orientation, binWidth, bins);
                        if (bin >= 0) {
                            totals[bin] = (float) (totals[bin] + magnitude);
                        }
                    }
                }
                int base = (cy * cellsAcross + cx) * bins;
                for (int b = 0; b < bins; b++) {
                    histograms[base + b] = totals[b] / pixelsPerCell;
                }
            }
        }
        return histograms;
    }

    /**
     * The bin {@code i} with {@code binWidth * i <= orientation < binWidth * (i + 1)}, the
     * bounds computed as scikit-image computes them, or -1 if none (an orientation rounded up
     * to 180).
     */
    static int bin(double orientation, double binWidth, int bins) {
        int i = (int) (orientation / binWidth);
        if (i >= bins) {
            i = bins - 1;
        }
        while (i > 0 && orientation < binWidth * i) {
            i--;
        }
        while (i < bins && orientation >= binWidth * (i + 1)) {
            i++;
        }
        return i < bins ? i : -1;
    }
}
