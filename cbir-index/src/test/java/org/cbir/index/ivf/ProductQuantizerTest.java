package org.cbir.index.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The product quantizer against a worked example (codes, corrections and asymmetric distances
 * computed by hand) and against an independent brute force in double (codes by a search of all
 * 256 codewords, distances to the decoded vector). Seeded.
 */
class ProductQuantizerTest {

    /**
     * d = 4 in two sub-spaces of 2; codebook 0 has the codewords (0,0), (1,0), (0,2), codebook 1
     * (0,0), (-1,-1), the rest of both lie far away at (100 + k, 100).
     */
    private static ProductQuantizer handMade() {
        float[] codebooks = new float[256 * 4];
        for (int k = 0; k < 256; k++) {
            codebooks[2 * k] = 100 + k;
            codebooks[2 * k + 1] = 100;
            codebooks[512 + 2 * k] = 100 + k;
            codebooks[512 + 2 * k + 1] = 100;
        }
        float[] first = {0, 0, 1, 0, 0, 2};
        float[] second = {0, 0, -1, -1};
        System.arraycopy(first, 0, codebooks, 0, first.length);
        System.arraycopy(second, 0, codebooks, 512, second.length);
        return new ProductQuantizer(codebooks, 4, 2);
    }

    @Test
    void aWorkedExample() {
        ProductQuantizer pq = handMade();
        float[] centroids = {1, 1, 1, 1, -1, -1, -1, -1}; // list 0 and list 1
        float[] x = {2, 1, 0, 0}; // residual from list 0: (1, 0, -1, -1), coded exactly as (1, 1)
        float[] y = {1.4f, 2.9f, 1, 1}; // residual (0.4, 1.9, 0, 0): nearest (0, 2) and (0, 0), codes (2, 0)
        byte[] codes = new byte[4];
        float[] residual = new float[4];
        pq.residual(x, centroids, 0, residual);
        assertArrayEquals(new float[] {1, 0, -1, -1}, residual);
        pq.encode(residual, codes, 0);
        pq.residual(y, centroids, 0, residual);
        pq.encode(residual, codes, 2);
        assertArrayEquals(new byte[] {1, 1, 2, 0}, codes);
        // correction |r|^2 + 2 c.r: x: 3 + 2 (-1) = 1; y, coded as r = (0, 2, 0, 0): 4 + 2 x 2 = 8
        assertEquals(1, pq.correction(codes, 0, centroids, 0), 1e-6);
        assertEquals(8, pq.correction(codes, 2, centroids, 0), 1e-6);
        float[] decoded = new float[4];
        pq.decode(codes, 2, decoded);
        assertArrayEquals(new float[] {0, 2, 0, 0}, decoded);
        // q = (1, 0, 2, 0): |q - c0|^2 = 3; table -2 q_j.C_j[k]: sub-space 0 (q = (1, 0)): 0, -2, 0 for
        // k = 0, 1, 2; sub-space 1 (q = (2, 0)): 0, 4 for k = 0, 1
        float[] q = {1, 0, 2, 0};
        float[] table = new float[2 * 256];
        pq.innerProducts(q, table);
        assertEquals(0, table[0], 0);
        assertEquals(-2, table[1]);
        assertEquals(0, table[2], 0);
        assertEquals(0, table[256], 0);
        assertEquals(4, table[257]);
        // x: 3 + 1 - 2 + 4 = 6 = |(1,0,2,0) - (2,1,0,0)|^2; y: 3 + 8 + 0 + 0 = 11 = |(1,0,2,0) - (1,3,1,1)|^2
        assertEquals(6, 3 + pq.correction(codes, 0, centroids, 0) + table[1] + table[256 + 1], 1e-6);
        assertEquals(11, 3 + pq.correction(codes, 2, centroids, 0) + table[2] + table[256], 1e-6);
        // the same vector x in list 1: residual (3, 2, 1, 1); (3, 2) lies 13, 8 and 9 from the
        // first three codewords of sub-space 0, (1, 1) lies 2 and 8 from those of sub-space 1
        pq.residual(x, centroids, 1, residual);
        pq.encode(residual, codes, 0);
        assertArrayEquals(new byte[] {1, 0}, Arrays.copyOf(codes, 2));
    }

    @Test
    void subVectorsSplitTheDimensionWithTheLongerOnesFirst() {
        assertArrayEquals(new int[] {0, 3, 5}, ProductQuantizer.starts(5, 2));
        assertArrayEquals(new int[] {0, 3, 6, 8, 10}, ProductQuantizer.starts(10, 4));
        assertArrayEquals(new int[] {0, 1, 2, 3}, ProductQuantizer.starts(3, 3));
        assertThrows(IllegalArgumentException.class, () -> new ProductQuantizer(new float[256 * 4], 4, 5));
        assertThrows(IllegalArgumentException.class, () -> new ProductQuantizer(new float[256 * 3], 4, 2));
    }

    @Test
    void codesAndDistancesAgreeWithABruteForceOverEveryCodeword() {
        int d = 12;
        int m = 5; // sub-vectors of 3, 3, 2, 2, 2
        SplittableRandom random = new SplittableRandom(13);
        float[][] residuals = new float[3_000][d];
        for (float[] r : residuals) {
            for (int t = 0; t < d; t++) {
                r[t] = (float) (random.nextGaussian() * (1 + t % 3));
            }
        }
        ProductQuantizer pq = ProductQuantizer.train(residuals, m, 7);
        float[] codebooks = pq.codebooks();
        int[] starts = ProductQuantizer.starts(d, m);
        float[] centroids = new float[2 * d];
        for (int t = 0; t < 2 * d; t++) {
            centroids[t] = (float) random.nextGaussian();
        }
        byte[] code = new byte[m];
        float[] residual = new float[d];
        float[] decoded = new float[d];
        float[] table = new float[m * 256];
        for (int trial = 0; trial < 200; trial++) {
            int list = trial % 2;
            float[] x = new float[d];
            float[] q = new float[d];
            for (int t = 0; t < d; t++) {
                x[t] = (float) (centroids[list * d + t] + random.nextGaussian() * (1 + t % 3));
                q[t] = (float) (random.nextGaussian() * 2);
            }
            pq.residual(x, centroids, list, residual);
            pq.encode(residual, code, 0);
            for (int j = 0; j < m; j++) { // the brute force: every codeword of sub-space j, in double
                int width = starts[j + 1] - starts[j];
                int best = -1;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int k = 0; k < 256; k++) {
                    double distance = 0;
                    for (int t = 0; t < width; t++) {
                        double diff = (double) residual[starts[j] + t] - codebooks[starts[j] * 256 + k * width + t];
                        distance += diff * diff;
                    }
                    if (distance < bestDistance - 1e-9) {
                        bestDistance = distance;
                        best = k;
                    }
                }
                assertEquals(best, code[j] & 0xff, "trial " + trial + ", sub-space " + j);
            }
            pq.decode(code, 0, decoded);
            double expected = 0; // |q - (c + decoded)|^2 in double
            double qc = 0;
            for (int t = 0; t < d; t++) {
                double diff = (double) q[t] - centroids[list * d + t] - decoded[t];
                expected += diff * diff;
                double dc = (double) q[t] - centroids[list * d + t];
                qc += dc * dc;
            }
            pq.innerProducts(q, table);
            double adc = qc + pq.correction(code, 0, centroids, list);
            for (int j = 0; j < m; j++) {
                adc += table[j * 256 + (code[j] & 0xff)];
            }
            assertEquals(expected, adc, 1e-4 * (1 + expected), "trial " + trial);
        }
    }

    @Test
    void trainedCodebooksCodeTheirTrainingDataClosely() {
        // 8 dimensions in 8 sub-spaces: 256 codewords per component of unit variance leave a
        // mean squared error per component far below 0.01 (uniform levels alone: about 1e-4)
        SplittableRandom random = new SplittableRandom(5);
        float[][] residuals = new float[4_000][8];
        for (float[] r : residuals) {
            for (int t = 0; t < 8; t++) {
                r[t] = (float) random.nextGaussian();
            }
        }
        ProductQuantizer pq = ProductQuantizer.train(residuals, 8, 3);
        byte[] code = new byte[8];
        float[] decoded = new float[8];
        double error = 0;
        for (float[] r : residuals) {
            pq.encode(r, code, 0);
            pq.decode(code, 0, decoded);
            for (int t = 0; t < 8; t++) {
                error += (r[t] - decoded[t]) * (r[t] - decoded[t]);
            }
        }
        error /= residuals.length * 8.0;
        assertTrue(error < 0.01, "mean squared error per component " + error);
        assertThrows(IllegalArgumentException.class, () -> ProductQuantizer.train(new float[255][4], 2, 1));
    }
}
