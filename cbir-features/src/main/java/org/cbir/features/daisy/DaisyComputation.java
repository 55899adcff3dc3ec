package org.cbir.features.daisy;

import org.cbir.core.internal.math.ArrayLengths;

/**
 * One run of {@link DaisyDescriptor} on one image: the orientation maps, their smoothing at
 * the sampled points only, and the normalisation. Not thread-safe; made per call.
 *
 * <p>Smoothing is separable. For each {@link SmoothingLevel}, the vertical pass runs only on
 * the rows where one of its histograms is sampled, over whole rows (an axpy per kernel tap,
 * which the JIT vectorises); those rows are then extended by the kernel radius on both sides
 * with the {@code 'reflect'} rule, so that the horizontal pass at a sampled point is a plain dot
 * product of the kernel with a window of the row.
 */
final class DaisyComputation {
    private final DaisyDescriptor daisy;
    private final float[] grey;
    private final int width;
    private final int height;
    private final int gridRows;
    private final int gridColumns;
    private final int length;

    DaisyComputation(DaisyDescriptor daisy, float[] grey, int width, int height) {
        this.daisy = daisy;
        this.grey = grey;
        this.width = width;
        this.height = height;
        this.gridRows = daisy.gridRows(height);
        this.gridColumns = daisy.gridColumns(width);
        this.length = daisy.length();
    }

    /** The normalised descriptors, grid row-major, each descriptor contiguous. */
    double[] run() {
        double[][] maps = orientationMaps();
        double[] out = new double[ArrayLengths.of("Daisy descriptors", gridRows, gridColumns, length)];
        for (SmoothingLevel level : daisy.levels()) {
            sample(level, maps, out);
        }
        daisy.normalization().apply(out, gridRows * gridColumns, length, daisy.orientations());
        return out;
    }

    /**
     * Per orientation bin, each pixel's gradient magnitude times the circular normal weight
     * {@code exp(kappa cos(angle - bin))}, {@code kappa = orientations / pi}; the gradient is the
     * forward difference, 0 in the last column (x) and last row (y).
     */
    private double[][] orientationMaps() {
        int bins = daisy.orientations();
        double kappa = bins / Math.PI;
        double[] binCos = daisy.binCos();
        double[] binSin = daisy.binSin();
        double[][] maps = new double[bins][width * height];
        boolean opposite = bins % 2 == 0;
        int half = bins / 2;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double dx = x < width - 1 ? (double) grey[i + 1] - grey[i] : 0.0;
                double dy = y < height - 1 ? (double) grey[i + width] - grey[i] : 0.0;
                double magnitude = Math.sqrt(dx * dx + dy * dy);
                if (magnitude == 0) {
                    continue;
                }
                double cos = dx / magnitude;
                double sin = dy / magnitude;
                if (opposite) {
                    // bin o + bins/2 points the other way: exp(-k c) = 1 / exp(k c)
                    for (int o = 0; o < half; o++) {
                        double e = Math.exp(kappa * (cos * binCos[o] + sin * binSin[o]));
                        maps[o][i] = e * magnitude;
                        maps[o + half][i] = magnitude / e;
                    }
                } else {
                    for (int o = 0; o < bins; o++) {
                        maps[o][i] = Math.exp(kappa * (cos * binCos[o] + sin * binSin[o])) * magnitude;
                    }
                }
            }
        }
        return maps;
    }

    private void sample(SmoothingLevel level, double[][] maps, double[] out) {
        double[] weights = level.kernel().weights();
        int r = level.kernel().radius();
        int border = daisy.radius();
        int step = daisy.step();
        int bins = daisy.orientations();
        int[] rowIndex = new int[height];
        int rowCount = 0;
        boolean[] needed = new boolean[height];
        for (int h = 0; h < level.histogramCount(); h++) {
            for (int p = 0; p < gridRows; p++) {
                needed[border + level.rowOffset(h) + p * step] = true;
            }
        }
        int[] rows = new int[height];
        for (int y = 0; y < height; y++) {
            if (needed[y]) {
                rowIndex[y] = rowCount;
                rows[rowCount++] = y;
            }
        }
        int[][] sources = new int[rowCount][weights.length];
        for (int k = 0; k < rowCount; k++) {
            for (int t = 0; t < weights.length; t++) {
                sources[k][t] = GaussianKernel.reflect(rows[k] + t - r, height) * width;
            }
        }
        int padded = width + 2 * r;
        int[] padSource = new int[2 * r];
        for (int t = 0; t < r; t++) {
            padSource[t] = GaussianKernel.reflect(t - r, width);
            padSource[r + t] = GaussianKernel.reflect(width + t, width);
        }
        double[] smoothed = new double[ArrayLengths.of("Daisy smoothed rows", rowCount, padded)];
        for (int o = 0; o < bins; o++) {
            double[] map = maps[o];
            for (int k = 0; k < rowCount; k++) {
                verticalPass(map, sources[k], weights, smoothed, k * padded + r);
                int base = k * padded;
                for (int t = 0; t < r; t++) {
                    smoothed[base + t] = smoothed[base + r + padSource[t]];
                    smoothed[base + r + width + t] = smoothed[base + r + padSource[r + t]];
                }
            }
            for (int h = 0; h < level.histogramCount(); h++) {
                int slot = level.slot(h) * bins + o;
                int rowOffset = border + level.rowOffset(h);
                int columnOffset = border + level.columnOffset(h);
                for (int p = 0; p < gridRows; p++) {
                    int rowBase = rowIndex[rowOffset + p * step] * padded;
                    int outBase = p * gridColumns * length + slot;
                    for (int q = 0; q < gridColumns; q++) {
                        // padded column of image column c is c + r: the window of c - r..c + r starts at c
                        out[outBase + q * length] = dot(weights, smoothed, rowBase + columnOffset + q * step);
                    }
                }
            }
        }
    }

    /**
     * {@code target[at + x] = sum_t weights[t] * map[sources[t] + x]} for every column x. The
     * kernel is symmetric, so taps {@code t} and {@code 2R - t} share a multiplication, and two
     * such pairs are added per sweep over the row to halve the traffic through {@code target}.
     */
    private void verticalPass(double[] map, int[] sources, double[] weights, double[] target, int at) {
        int r = weights.length / 2;
        double wc = weights[r];
        int sc = sources[r];
        for (int x = 0; x < width; x++) {
            target[at + x] = wc * map[sc + x];
        }
        int t = 0;
        for (; t + 1 < r; t += 2) {
            double wa = weights[t];
            double wb = weights[t + 1];
            int a0 = sources[t];
            int a1 = sources[2 * r - t];
            int b0 = sources[t + 1];
            int b1 = sources[2 * r - t - 1];
            for (int x = 0; x < width; x++) {
                target[at + x] += wa * (map[a0 + x] + map[a1 + x]) + wb * (map[b0 + x] + map[b1 + x]);
            }
        }
        if (t < r) {
            double wa = weights[t];
            int a0 = sources[t];
            int a1 = sources[2 * r - t];
            for (int x = 0; x < width; x++) {
                target[at + x] += wa * (map[a0 + x] + map[a1 + x]);
            }
        }
    }

    /**
     * The kernel applied to {@code row[start .. start + 2R]}: symmetric taps paired, two partial
     * sums to shorten the chain of dependent additions.
     */
    private static double dot(double[] weights, double[] row, int start) {
        int r = weights.length / 2;
        int end = start + 2 * r;
        double even = weights[r] * row[start + r];
        double odd = 0;
        int t = 0;
        for (; t + 1 < r; t += 2) {
            even += weights[t] * (row[start + t] + row[end - t]);
            odd += weights[t + 1] * (row[start + t + 1] + row[end - t - 1]);
        }
        if (t < r) {
            even += weights[t] * (row[start + t] + row[end - t]);
        }
        return even + odd;
    }
}
