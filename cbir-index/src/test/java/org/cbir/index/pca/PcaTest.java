package org.cbir.index.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.cbir.core.ComponentSpec;
import org.junit.jupiter.api.Test;

/** Hand-worked examples, input validation, determinism and the spec of {@link Pca}. */
class PcaTest {
    private static final double SQRT_HALF = Math.sqrt(0.5);

    /** Four points on the diagonal: all variance lies along (1, 1) / sqrt(2). */
    private static final List<float[]> DIAGONAL = List.of(
            new float[] {0, 0}, new float[] {1, 1}, new float[] {2, 2}, new float[] {3, 3});

    @Test
    void diagonalPointsByHand() {
        FittedPca pca = Pca.components(2).fit(DIAGONAL);
        // centred projections on w1 are (-1.5, -0.5, 0.5, 1.5) * sqrt(2): variance 2 * 5 / 3
        assertArrayEquals(new double[] {10.0 / 3, 0}, pca.explainedVariance(), 1e-12);
        assertArrayEquals(new double[] {1, 0}, pca.explainedVarianceRatio(), 1e-12);
        assertArrayEquals(new double[] {1.5, 1.5}, pca.mean(), 0);
        // signs: the largest loading is positive, the first of equal magnitudes on a tie
        assertArrayEquals(new double[] {SQRT_HALF, SQRT_HALF}, pca.components()[0], 1e-12);
        assertArrayEquals(new double[] {SQRT_HALF, -SQRT_HALF}, pca.components()[1], 1e-12);
        // (1, 0) - mean = (-0.5, -1.5): on w1 -2 / sqrt(2), on w2 1 / sqrt(2)
        assertArrayEquals(new float[] {(float) (-2 * SQRT_HALF), (float) SQRT_HALF}, pca.apply(new float[] {1, 0}),
                1e-6f);
    }

    @Test
    void whiteningDividesByStandardDeviationAndFloorsZeroVariance() {
        FittedPca pca = Pca.components(2).whitened().fit(DIAGONAL);
        float[] y = pca.apply(new float[] {1, 0});
        assertEquals(-2 * SQRT_HALF / Math.sqrt(10.0 / 3), y[0], 1e-6);
        // the second variance is 0: the divisor is sqrt(1e-10 * 10 / 3), not 0
        assertEquals(SQRT_HALF / Math.sqrt(FittedPca.WHITENING_FLOOR * 10.0 / 3), y[1], 1e-6 * Math.abs(y[1]));
        assertTrue(pca.whitened());
    }

    @Test
    void explainedVarianceKeepsTheSmallestCountAboveTheShare() {
        // variances 100, 10, 1 along the axes (three points each, symmetric): ratios 100/111, 10/111, 1/111
        List<float[]> rows = new ArrayList<>();
        double[] sd = {10, Math.sqrt(10), 1};
        for (int axis = 0; axis < 3; axis++) {
            for (int s = -1; s <= 1; s += 2) {
                float[] row = new float[3];
                row[axis] = (float) (s * sd[axis] * Math.sqrt(2.5)); // 6 rows, n - 1 = 5: 2 * 2.5 sd^2 / 5
                rows.add(row);
            }
        }
        assertArrayEquals(new double[] {100, 10, 1}, Pca.components(3).fit(rows).explainedVariance(), 1e-4);
        assertEquals(1, Pca.explainedVariance(0.9).fit(rows).outputDimension()); // 0.9009 > 0.9
        assertEquals(2, Pca.explainedVariance(0.91).fit(rows).outputDimension());
        assertEquals(3, Pca.explainedVariance(0.995).fit(rows).outputDimension());
    }

    @Test
    void refittingOrPermutingTheSampleGivesTheSameComponents() {
        List<float[]> rows = gaussianRows(200, 8, 7);
        FittedPca first = Pca.components(4).fit(rows);
        FittedPca again = Pca.components(4).fit(rows);
        List<float[]> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(3));
        FittedPca permuted = Pca.components(4).fit(shuffled);
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(first.components()[c], again.components()[c], 0);
            assertArrayEquals(first.components()[c], permuted.components()[c], 1e-9);
        }
        assertArrayEquals(first.apply(rows.get(0)), again.apply(rows.get(0)), 0);
    }

    @Test
    void gramAndCovarianceRoutesAgree() {
        // 10 rows of dimension 30 take the Gram route; the same rows four times over (40 >= 30) the
        // covariance route: same components, variances scaled by (4 * 9) / 39
        List<float[]> few = gaussianRows(10, 30, 13);
        List<float[]> repeated = new ArrayList<>();
        for (int copy = 0; copy < 4; copy++) {
            repeated.addAll(few);
        }
        FittedPca gram = Pca.components(9).fit(few);
        FittedPca covariance = Pca.components(9).fit(repeated);
        double[] scaled = covariance.explainedVariance();
        for (int c = 0; c < scaled.length; c++) {
            scaled[c] *= 39.0 / 36;
        }
        assertArrayEquals(scaled, gram.explainedVariance(), 1e-9 * scaled[0]);
        assertArrayEquals(covariance.explainedVarianceRatio(), gram.explainedVarianceRatio(), 1e-12);
        for (int c = 0; c < 9; c++) {
            assertArrayEquals(covariance.components()[c], gram.components()[c], 1e-8, "component " + c);
        }
    }

    @Test
    void componentsWithoutVarianceAreCompletedOrthonormally() {
        // 4 centred rows span 3 dimensions: the 4th component has no variance
        FittedPca pca = Pca.components(4).fit(gaussianRows(4, 8, 21));
        assertEquals(0, pca.explainedVariance()[3], 1e-9 * pca.explainedVariance()[0]);
        double[][] w = pca.components();
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                double dot = 0;
                for (int j = 0; j < 8; j++) {
                    dot += w[a][j] * w[b][j];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-12, "w" + a + " . w" + b);
            }
        }
    }

    @Test
    void fitDoesNotModifyTheSampleNorKeepItsArrays() {
        List<float[]> rows = gaussianRows(20, 5, 11);
        List<float[]> copy = rows.stream().map(float[]::clone).toList();
        FittedPca pca = Pca.components(3).fit(rows);
        float[] before = pca.apply(copy.get(0));
        for (int r = 0; r < rows.size(); r++) {
            assertArrayEquals(copy.get(r), rows.get(r));
            Arrays.fill(rows.get(r), 42f);
        }
        assertArrayEquals(before, pca.apply(copy.get(0)));
    }

    @Test
    void refusesUnusableSamples() {
        assertMessage(() -> Pca.components(1).fit(List.of()), "at least 2 rows");
        assertMessage(() -> Pca.components(1).fit(List.of(new float[] {1, 2})), "at least 2 rows");
        assertMessage(() -> Pca.components(1).fit(List.of(new float[] {1, 2}, new float[] {1})), "ragged");
        assertMessage(() -> Pca.components(1).fit(Arrays.asList(new float[] {1, 2}, null)), "row 1");
        assertMessage(() -> Pca.components(1).fit(List.of(new float[0], new float[0])), "empty");
        assertMessage(() -> Pca.components(1).fit(List.of(new float[] {1, Float.NaN}, new float[] {1, 2})),
                "non-finite");
        assertMessage(() -> Pca.components(3).fit(DIAGONAL), "min(rows, dimension) = 2");
        assertMessage(() -> Pca.components(5).fit(gaussianRows(4, 8, 1)), "min(rows, dimension) = 4");
        assertMessage(() -> Pca.explainedVariance(0.5).fit(List.of(new float[] {1, 2}, new float[] {1, 2})),
                "zero variance");
    }

    @Test
    void refusesBadParametersAndInputs() {
        assertMessage(() -> Pca.components(0), "at least 1");
        assertMessage(() -> Pca.explainedVariance(1.0), "(0, 1)");
        assertMessage(() -> Pca.explainedVariance(0), "(0, 1)");
        assertMessage(() -> Pca.explainedVariance(Double.NaN), "(0, 1)");
        FittedPca pca = Pca.components(1).fit(DIAGONAL);
        assertMessage(() -> pca.apply(new float[3]), "dimension 2");
    }

    @Test
    void specRecordsEveryParameterAndRebuildsTheRecipe() {
        assertEquals(ComponentSpec.of("pca", "components", 16, "whiten", false), Pca.components(16).spec());
        assertEquals(ComponentSpec.of("pca", "explained-variance", "0.95", "whiten", true),
                Pca.explainedVariance(0.95).whitened().spec());
        for (Pca pca : List.of(Pca.components(16), Pca.components(3).whitened(), Pca.explainedVariance(0.95),
                Pca.explainedVariance(0.5).whitened())) {
            assertEquals(pca, Pca.fromSpec(pca.spec()));
        }
        assertMessage(() -> Pca.fromSpec(ComponentSpec.of("pca", "whiten", "false")), "exactly one");
        assertMessage(() -> Pca.fromSpec(ComponentSpec.of("pca", "components", 2, "whiten", "yes")), "true or false");
        assertFalse(Pca.components(2).equals(Pca.components(2).whitened()));
    }

    static List<float[]> gaussianRows(int count, int dimension, long seed) {
        Random random = new Random(seed);
        List<float[]> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            float[] row = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                row[j] = (float) (random.nextGaussian() * (dimension - j));
            }
            rows.add(row);
        }
        return rows;
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
