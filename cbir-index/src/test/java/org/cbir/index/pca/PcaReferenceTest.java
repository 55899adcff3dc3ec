package org.cbir.index.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parity with scikit-learn's {@code PCA(svd_solver="full")}: projections of held-out rows,
 * explained variances and their ratios, components, whitening and the explained-variance rule,
 * from {@code pca-reference.txt} (tools/pca_reference.py). scikit-learn chooses component signs
 * by another convention, so each output column is compared up to its sign.
 */
class PcaReferenceTest {
    /**
     * Relative to the largest magnitude of each reference column: float32 output (rounding 6e-8),
     * double arithmetic; every case also passes at 2e-7.
     */
    private static final double PROJECTION_TOLERANCE = 1e-6;
    private static final double VARIANCE_TOLERANCE = 1e-9;

    private static final List<float[]> FASHION = FashionMnist.images();
    private static final List<float[]> RANDOM = randomRows();

    @Test
    void randomRowsFiveComponents() {
        FittedPca pca = Pca.components(5).fit(RANDOM.subList(0, 50));
        check("random-5", pca, RANDOM.subList(50, 60));
        checkComponents("random-5", pca);
    }

    @Test
    void randomRowsWhitened() {
        FittedPca pca = Pca.components(5).whitened().fit(RANDOM.subList(0, 50));
        check("random-5-whiten", pca, RANDOM.subList(50, 60));
    }

    @Test
    void randomRowsByExplainedVariance() {
        FittedPca pca = Pca.explainedVariance(0.95).fit(RANDOM.subList(0, 50));
        check("random-var-0.95", pca, RANDOM.subList(50, 60));
        checkComponents("random-var-0.95", pca);
    }

    @Test
    void fashionMnistSixteenComponents() {
        check("fashion-16", Pca.components(16).fit(FASHION.subList(0, 400)), FASHION.subList(400, 500));
    }

    @Test
    void fashionMnistWhitened() {
        check("fashion-16-whiten", Pca.components(16).whitened().fit(FASHION.subList(0, 400)),
                FASHION.subList(400, 500));
    }

    @Test
    void fashionMnistByExplainedVariance() {
        check("fashion-var-0.8", Pca.explainedVariance(0.8).fit(FASHION.subList(0, 400)), FASHION.subList(400, 500));
    }

    private static void check(String name, FittedPca pca, List<float[]> heldOut) {
        double[] variance = ReferenceMatrices.vector(name + ".variance");
        double[] ratio = ReferenceMatrices.vector(name + ".ratio");
        assertEquals(variance.length, pca.outputDimension(), name + ": number of components");
        assertArrayEquals(variance, pca.explainedVariance(), VARIANCE_TOLERANCE * variance[0], name + ": variance");
        assertArrayEquals(ratio, pca.explainedVarianceRatio(), VARIANCE_TOLERANCE, name + ": ratio");
        double[][] expected = ReferenceMatrices.get(name + ".projection");
        float[][] actual = new float[heldOut.size()][];
        for (int r = 0; r < actual.length; r++) {
            actual[r] = pca.apply(heldOut.get(r));
        }
        for (int c = 0; c < pca.outputDimension(); c++) {
            double scale = 0;
            double agreement = 0;
            for (int r = 0; r < actual.length; r++) {
                scale = Math.max(scale, Math.abs(expected[r][c]));
                agreement += expected[r][c] * actual[r][c];
            }
            double sign = Math.signum(agreement);
            for (int r = 0; r < actual.length; r++) {
                assertEquals(expected[r][c], sign * actual[r][c], PROJECTION_TOLERANCE * scale,
                        name + ": row " + r + ", component " + c);
            }
        }
    }

    private static void checkComponents(String name, FittedPca pca) {
        double[][] expected = ReferenceMatrices.get(name + ".components");
        double[][] actual = pca.components();
        for (int c = 0; c < expected.length; c++) {
            double sign = Math.signum(dot(expected[c], actual[c]));
            for (int j = 0; j < expected[c].length; j++) {
                assertEquals(expected[c][j], sign * actual[c][j], 1e-9, name + ": component " + c + "[" + j + "]");
            }
            int largest = 0;
            for (int j = 0; j < actual[c].length; j++) {
                largest = Math.abs(actual[c][j]) > Math.abs(actual[c][largest]) ? j : largest;
            }
            assertTrue(actual[c][largest] > 0, name + ": component " + c + " follows the sign convention");
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static List<float[]> randomRows() {
        List<float[]> rows = new ArrayList<>();
        for (double[] row : ReferenceMatrices.get("random.rows")) {
            float[] f = new float[row.length];
            for (int j = 0; j < row.length; j++) {
                f[j] = (float) row[j];
            }
            rows.add(f);
        }
        return rows;
    }
}
