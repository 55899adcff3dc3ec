package org.cbir.features.glcm;

/**
 * The {@link GlcmProperty} values of one normalised co-occurrence matrix, computed as
 * scikit-image's {@code graycoprops} computes them. The properties depend on level
 * differences and centred levels only, so a matrix that spans the levels {@code lowest ..
 * lowest + span - 1} gives the same values when indexed from 0.
 */
final class HaralickFeatures {
    /** Below this standard deviation the correlation is defined as 1, as in scikit-image. */
    private static final double FLAT = 1e-15;

    private HaralickFeatures() {
    }

    /**
     * Fills {@code out[property.ordinal()]} for every property.
     *
     * @param p a {@code span x span} matrix summing to 1, or all zero (an offset larger than the
     *     image: contrast, dissimilarity, homogeneity, energy, ASM and entropy are then 0, and
     *     correlation 1)
     * @param rowSums scratch of length {@code span}
     * @param colSums scratch of length {@code span}
     * @param correlation whether to compute the correlation (else it is left 0)
     * @param entropy whether to compute the entropy (else it is left 0)
     */
    static void compute(double[] p, int span, double[] rowSums, double[] colSums,
                        boolean correlation, boolean entropy, double[] out) {
        double contrast = 0;
        double dissimilarity = 0;
        double homogeneity = 0;
        double asm = 0;
        double ent = 0;
        java.util.Arrays.fill(colSums, 0, span, 0.0);
        for (int a = 0; a < span; a++) {
            double rowSum = 0;
            int base = a * span;
            for (int b = 0; b < span; b++) {
                double v = p[base + b];
                if (v == 0) {
                    continue;
                }
                int d = a - b;
                int d2 = d * d;
                contrast += v * d2;
                dissimilarity += v * Math.abs(d);
                homogeneity += v / (1.0 + d2);
                asm += v * v;
                if (entropy) {
                    ent -= v * Math.log(v);
                }
                rowSum += v;
                colSums[b] += v;
            }
            rowSums[a] = rowSum;
        }
        out[GlcmProperty.CONTRAST.ordinal()] = contrast;
        out[GlcmProperty.DISSIMILARITY.ordinal()] = dissimilarity;
        out[GlcmProperty.HOMOGENEITY.ordinal()] = homogeneity;
        out[GlcmProperty.ASM.ordinal()] = asm;
        out[GlcmProperty.ENERGY.ordinal()] = Math.sqrt(asm);
        out[GlcmProperty.ENTROPY.ordinal()] = ent;
        out[GlcmProperty.CORRELATION.ordinal()] = correlation ? correlation(p, span, rowSums, colSums) : 0;
    }

    private static double correlation(double[] p, int span, double[] rowSums, double[] colSums) {
        double meanI = 0;
        double meanJ = 0;
        for (int k = 0; k < span; k++) {
            meanI += k * rowSums[k];
            meanJ += k * colSums[k];
        }
        double varI = 0;
        double varJ = 0;
        for (int k = 0; k < span; k++) {
            varI += rowSums[k] * (k - meanI) * (k - meanI);
            varJ += colSums[k] * (k - meanJ) * (k - meanJ);
        }
        double stdI = Math.sqrt(varI);
        double stdJ = Math.sqrt(varJ);
        if (stdI < FLAT || stdJ < FLAT) {
            return 1.0;
        }
        double cov = 0;
        for (int a = 0; a < span; a++) {
            if (rowSums[a] == 0) {
                continue;
            }
            double di = a - meanI;
            int base = a * span;
            double row = 0;
            for (int b = 0; b < span; b++) {
                double v = p[base + b];
                if (v != 0) {
                    row += v * (b - meanJ);
                }
            }
            cov += di * row;
        }
        return cov / (stdI * stdJ);
    }
}
