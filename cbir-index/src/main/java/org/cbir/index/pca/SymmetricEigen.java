package org.cbir.index.pca;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The eigenvalues and unit eigenvectors of a symmetric positive semi-definite matrix (EJML's
 * symmetric QR algorithm after tridiagonalisation), sorted by decreasing eigenvalue (equal ones
 * by their order in EJML's output, which is deterministic). Negative eigenvalues, which only
 * rounding produces for such a matrix, are reported as 0. Immutable.
 */
final class SymmetricEigen {
    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes {@code matrix}, which may be overwritten.
     *
     * @param what names the matrix in the error message
     * @throws ArithmeticException if the QR iteration does not converge
     */
    static SymmetricEigen of(DMatrixRMaj matrix, String what) {
        int n = matrix.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eigen.decompose(matrix)) {
            throw new ArithmeticException("the eigen-decomposition of the " + n + " x " + n + " " + what
                    + " did not converge");
        }
        Integer[] order = new Integer[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            raw[i] = Math.max(0, eigen.getEigenvalue(i).getReal());
        }
        Arrays.sort(order, (a, b) -> {
            int byValue = Double.compare(raw[b], raw[a]);
            return byValue != 0 ? byValue : Integer.compare(a, b);
        });
        double[] values = new double[n];
        double[][] vectors = new double[n][];
        for (int i = 0; i < n; i++) {
            values[i] = raw[order[i]];
            vectors[i] = eigen.getEigenVector(order[i]).getData().clone();
        }
        return new SymmetricEigen(values, vectors);
    }

    /** Eigenvalues, largest first (not a copy). */
    double[] values() {
        return values;
    }

    /** The unit eigenvector of {@code values()[i]} (not a copy). */
    double[] vector(int i) {
        return vectors[i];
    }
}
