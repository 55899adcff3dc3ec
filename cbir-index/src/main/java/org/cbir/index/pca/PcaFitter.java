package org.cbir.index.pca;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a PCA: the sample mean, then the covariance matrix {@code C = X'X / (n - 1)} of the
 * centred rows {@code X} (accumulated in {@code double}, upper triangle only), then the
 * symmetric eigen-decomposition of {@code C} with EJML's QR algorithm.
 *
 * <p><b>Why the covariance and not an SVD of {@code X}.</b> Both give the same components and
 * variances. The covariance route needs memory {@code O(d^2)} whatever the sample size, where an
 * SVD of {@code X} needs a double copy of the whole sample ({@code 8 n d} bytes: 3.3 GB for
 * 100,000 signatures of 4,096); time is {@code O(n d^2 + d^3)}. Its drawback, squaring the
 * condition number, costs accuracy only for eigenvalues below about {@code 1e-16} of the largest,
 * which for float32 signatures (relative precision {@code 6e-8}, so about {@code 4e-15} on the
 * variance scale) are rounding noise anyway. For very large dimensions (tens of thousands) fit on
 * a reduced signature instead: the eigen-decomposition is cubic in {@code d}.
 *
 * <p><b>Sign convention.</b> An eigenvector is defined up to its sign; each kept component is
 * flipped so that its loading of largest magnitude (the first such, on a tie) is positive, so
 * that refitting on the same sample gives identical output. (scikit-learn fixes the sign from
 * the left singular vectors instead, so its components may differ from these by a sign.)
 */
final class PcaFitter {
    private static final Logger LOG = LoggerFactory.getLogger(PcaFitter.class);

    private PcaFitter() {
    }

    /**
     * @param components how many to keep, or 0 to choose by {@code varianceShare}
     * @param varianceShare used when {@code components} is 0
     */
    static FittedPca fit(List<float[]> sample, int components, double varianceShare, boolean whiten) {
        Objects.requireNonNull(sample, "sample");
        int dimension = checkSample(sample);
        int rows = sample.size();
        int maxComponents = Math.min(rows, dimension);
        if (components > maxComponents) {
            throw new IllegalArgumentException("cannot keep " + components + " PCA components of a sample of "
                    + rows + " rows of dimension " + dimension + ": at most min(rows, dimension) = "
                    + maxComponents);
        }
        double[] mean = mean(sample, dimension);
        DMatrixRMaj covariance = covariance(sample, mean);
        double totalVariance = 0;
        for (int i = 0; i < dimension; i++) {
            totalVariance += covariance.get(i, i);
        }
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(dimension, true, true);
        if (!eigen.decompose(covariance)) {
            throw new ArithmeticException("the eigen-decomposition of the " + dimension + " x " + dimension
                    + " sample covariance did not converge");
        }
        Integer[] order = new Integer[dimension];
        double[] values = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            order[i] = i;
            values[i] = Math.max(0, eigen.getEigenvalue(i).getReal()); // tiny negatives are rounding
        }
        Arrays.sort(order, (a, b) -> {
            int byValue = Double.compare(values[b], values[a]);
            return byValue != 0 ? byValue : Integer.compare(a, b);
        });
        int kept = components > 0 ? components
                : countForShare(values, order, totalVariance, varianceShare, maxComponents);
        double[] variance = new double[kept];
        double[] ratio = new double[kept];
        double[] loadings = new double[kept * dimension];
        for (int c = 0; c < kept; c++) {
            variance[c] = values[order[c]];
            ratio[c] = totalVariance > 0 ? variance[c] / totalVariance : 0;
            DMatrixRMaj vector = eigen.getEigenVector(order[c]);
            copyWithSignConvention(vector, loadings, c * dimension, dimension);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(String.format(Locale.ROOT, "PCA fitted on %d rows of dimension %d: %d components explain %.2f%%"
                    + " of the variance", rows, dimension, kept, 100 * Arrays.stream(ratio).sum()));
        }
        return new FittedPca(mean, variance, ratio, loadings, whiten);
    }

    /** The row length, after checking that the sample is usable. */
    private static int checkSample(List<float[]> sample) {
        if (sample.size() < 2) {
            throw new IllegalArgumentException("PCA needs a sample of at least 2 rows to estimate variances, got "
                    + sample.size());
        }
        int dimension = -1;
        for (int r = 0; r < sample.size(); r++) {
            float[] row = sample.get(r);
            if (row == null) {
                throw new IllegalArgumentException("row " + r + " of the PCA sample is null");
            }
            if (dimension < 0) {
                if (row.length == 0) {
                    throw new IllegalArgumentException("the rows of the PCA sample are empty");
                }
                dimension = row.length;
            } else if (row.length != dimension) {
                throw new IllegalArgumentException("ragged PCA sample: row " + r + " has length " + row.length
                        + " but row 0 has length " + dimension);
            }
            for (int j = 0; j < row.length; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException("row " + r + " of the PCA sample has the non-finite value "
                            + row[j] + " at index " + j);
                }
            }
        }
        return dimension;
    }

    private static double[] mean(List<float[]> sample, int dimension) {
        double[] mean = new double[dimension];
        for (float[] row : sample) {
            for (int j = 0; j < dimension; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < dimension; j++) {
            mean[j] /= sample.size();
        }
        return mean;
    }

    private static DMatrixRMaj covariance(List<float[]> sample, double[] mean) {
        int d = mean.length;
        double[] c = new double[d * d];
        double[] centred = new double[d];
        for (float[] row : sample) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int i = 0; i < d; i++) {
                double ci = centred[i];
                if (ci == 0) {
                    continue;
                }
                int offset = i * d;
                for (int j = i; j < d; j++) {
                    c[offset + j] += ci * centred[j];
                }
            }
        }
        double scale = 1.0 / (sample.size() - 1);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = c[i * d + j] * scale;
                c[i * d + j] = v;
                c[j * d + i] = v;
            }
        }
        return DMatrixRMaj.wrap(d, d, c);
    }

    /** scikit-learn's rule: the smallest k whose cumulative ratio is strictly above the share. */
    private static int countForShare(double[] values, Integer[] order, double total, double share, int max) {
        if (total <= 0) {
            throw new IllegalArgumentException("the PCA sample has zero variance (all rows are equal), so no number"
                    + " of components explains a share " + share + " of it");
        }
        double cumulative = 0;
        for (int k = 1; k <= max; k++) {
            cumulative += values[order[k - 1]] / total;
            if (cumulative > share) {
                return k;
            }
        }
        return max;
    }

    private static void copyWithSignConvention(DMatrixRMaj vector, double[] target, int offset, int dimension) {
        double norm = 0;
        int largest = 0;
        for (int j = 0; j < dimension; j++) {
            double v = vector.get(j);
            norm += v * v;
            if (Math.abs(v) > Math.abs(vector.get(largest))) {
                largest = j;
            }
        }
        double scale = (vector.get(largest) < 0 ? -1 : 1) / Math.sqrt(norm);
        for (int j = 0; j < dimension; j++) {
            target[offset + j] = vector.get(j) * scale;
        }
    }
}
