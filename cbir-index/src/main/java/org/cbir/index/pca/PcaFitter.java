package org.cbir.index.pca;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a PCA: the sample mean, then the eigen-decomposition of a symmetric matrix built from the
 * centred rows {@code X} (n rows of dimension d), in {@code double}, with EJML.
 *
 * <p><b>Which matrix, and why.</b> With at least as many rows as dimensions, the covariance
 * {@code C = X'X / (n - 1)} (d x d), whose eigenvectors are the components. With fewer rows than
 * dimensions (a few hundred CNN signatures of 4,096 values, say), the Gram matrix
 * {@code G = XX' / (n - 1)} (n x n), which has the same non-zero eigenvalues; each component is
 * then {@code X'u / sqrt((n - 1) lambda)} for an eigenvector {@code u} of {@code G}. Either way the
 * matrix is {@code min(n, d)} square, so time is {@code O(n d min(n, d) + min(n, d)^3)} and
 * memory {@code O(min(n, d)^2)} (plus a double copy of the sample in the Gram case, which is
 * smaller than the covariance would be). Both give the components and variances of an SVD of
 * {@code X} (what scikit-learn computes); an SVD would avoid squaring the condition number, but
 * that costs accuracy only for variances below about {@code 1e-16} of the largest, which for
 * float32 signatures (relative precision {@code 6e-8}, so about {@code 4e-15} on the variance
 * scale) are rounding noise anyway, and an SVD needs the whole sample as a double matrix.
 *
 * <p><b>Components without variance.</b> A centred sample of n rows spans at most n - 1
 * dimensions; a kept component whose variance is at most {@link FittedPca#WHITENING_FLOOR} times
 * the largest carries no information, and in the Gram case it is completed deterministically
 * (Gram-Schmidt of the unit vectors {@code e_0, e_1, ...} against the previous components) so
 * that the components stay orthonormal.
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
        boolean gram = rows < dimension;
        double[][] centred = gram ? centred(sample, mean) : null;
        DMatrixRMaj matrix = gram ? gram(centred) : covariance(sample, mean);
        double totalVariance = 0;
        for (int i = 0; i < matrix.numRows; i++) {
            totalVariance += matrix.get(i, i);
        }
        SymmetricEigen eigen = SymmetricEigen.of(matrix, gram ? "Gram matrix of the sample" : "sample covariance");
        double[] values = eigen.values();
        int kept = components > 0 ? components : countForShare(values, totalVariance, varianceShare, maxComponents);
        double[] variance = Arrays.copyOf(values, kept);
        double[] ratio = new double[kept];
        double[][] vectors = new double[kept][];
        for (int c = 0; c < kept; c++) {
            ratio[c] = totalVariance > 0 ? variance[c] / totalVariance : 0;
            vectors[c] = gram ? fromGram(eigen, c, centred, vectors) : eigen.vector(c).clone();
        }
        double[] loadings = new double[kept * dimension];
        for (int c = 0; c < kept; c++) {
            copyWithSignConvention(vectors[c], loadings, c * dimension);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(String.format(Locale.ROOT, "PCA fitted on %d rows of dimension %d (%s): %d components explain"
                    + " %.2f%% of the variance", rows, dimension, gram ? "Gram matrix" : "covariance", kept,
                    100 * Arrays.stream(ratio).sum()));
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

    private static double[][] centred(List<float[]> sample, double[] mean) {
        double[][] rows = new double[sample.size()][mean.length];
        for (int r = 0; r < rows.length; r++) {
            float[] row = sample.get(r);
            for (int j = 0; j < mean.length; j++) {
                rows[r][j] = row[j] - mean[j];
            }
        }
        return rows;
    }

    /** {@code XX' / (n - 1)} of the centred rows. */
    private static DMatrixRMaj gram(double[][] centred) {
        int n = centred.length;
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        double scale = 1.0 / (n - 1);
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double dot = 0;
                double[] x = centred[a];
                double[] y = centred[b];
                for (int j = 0; j < x.length; j++) {
                    dot += x[j] * y[j];
                }
                g.set(a, b, dot * scale);
                g.set(b, a, dot * scale);
            }
        }
        return g;
    }

    /** scikit-learn's rule: the smallest k whose cumulative ratio is strictly above the share. */
    private static int countForShare(double[] values, double total, double share, int max) {
        if (total <= 0) {
            throw new IllegalArgumentException("the PCA sample has zero variance (all rows are equal), so no number"
                    + " of components explains a share " + share + " of it");
        }
        double cumulative = 0;
        for (int k = 1; k <= max; k++) {
            cumulative += values[k - 1] / total;
            if (cumulative > share) {
                return k;
            }
        }
        return max;
    }

    /**
     * Component {@code c} from the Gram eigenvector {@code u}: {@code X'u}, normalised; completed
     * where it has no variance.
     */
    private static double[] fromGram(SymmetricEigen eigen, int c, double[][] centred, double[][] previous) {
        int d = centred[0].length;
        double[] v = new double[d];
        double[] values = eigen.values();
        if (values[c] > FittedPca.WHITENING_FLOOR * values[0]) {
            double[] u = eigen.vector(c);
            for (int a = 0; a < centred.length; a++) {
                double ua = u[a];
                double[] row = centred[a];
                for (int j = 0; j < d; j++) {
                    v[j] += ua * row[j];
                }
            }
            return normalized(v);
        }
        for (int axis = 0; axis < d; axis++) {
            Arrays.fill(v, 0);
            v[axis] = 1;
            for (int pass = 0; pass < 2; pass++) { // twice: classical Gram-Schmidt loses orthogonality once
                for (int p = 0; p < c; p++) {
                    double dot = 0;
                    for (int j = 0; j < d; j++) {
                        dot += v[j] * previous[p][j];
                    }
                    for (int j = 0; j < d; j++) {
                        v[j] -= dot * previous[p][j];
                    }
                }
            }
            if (norm(v) > 0.5) {
                return normalized(v);
            }
        }
        throw new IllegalStateException("no unit vector is orthogonal to " + c + " components in dimension " + d);
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    private static double[] normalized(double[] v) {
        double n = norm(v);
        for (int j = 0; j < v.length; j++) {
            v[j] /= n;
        }
        return v;
    }

    private static void copyWithSignConvention(double[] vector, double[] target, int offset) {
        int largest = 0;
        for (int j = 0; j < vector.length; j++) {
            if (Math.abs(vector[j]) > Math.abs(vector[largest])) {
                largest = j;
            }
        }
        double scale = (vector[largest] < 0 ? -1 : 1) / norm(vector);
        for (int j = 0; j < vector.length; j++) {
            target[offset + j] = vector[j] * scale;
        }
    }
}
