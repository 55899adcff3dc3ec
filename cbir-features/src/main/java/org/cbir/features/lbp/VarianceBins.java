package org.cbir.features.lbp;

/**
 * Equal-width bins over {@code [0, max]} for the {@link LbpMethod#VAR} variances, assigned as
 * {@code numpy.histogram(v, bins, range=(0, max))} assigns them (edges {@code k * (max / bins)},
 * the last bin closed). A variance of 0, for which scikit-image returns NaN, and rounding
 * residues below 0 go to the first bin; variances above {@code max} to the last. Immutable.
 */
final class VarianceBins {
    private final int bins;
    private final double max;
    private final double scale;
    private final double[] edges;

    VarianceBins(int bins, double max) {
        this.bins = bins;
        this.max = max;
        this.scale = bins / max;
        this.edges = new double[bins + 1];
        double step = max / bins;
        for (int k = 0; k < bins; k++) {
            edges[k] = k * step;
        }
        edges[bins] = max;
    }

    int bins() {
        return bins;
    }

    int bin(double variance) {
        double v = variance > 0 ? Math.min(variance, max) : 0.0; // NaN and negatives -> 0
        int i = (int) (v * scale);
        if (i == bins) {
            i--;
        }
        if (v < edges[i]) {
            i--;
        }
        if (i != bins - 1 && v >= edges[i + 1]) {
            i++;
        }
        return i;
    }
}
