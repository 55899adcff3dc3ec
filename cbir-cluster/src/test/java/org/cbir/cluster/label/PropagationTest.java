package org.cbir.cluster.label;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cbir.cluster.graph.KnnGraph;
import org.junit.jupiter.api.Test;

class PropagationTest {

    /**
     * A path a - b - c - d with k = 1 neighbour each (a->b, b->a, c->d, d->c) plus b->c via k = 2.
     * The iteration must reach the closed form F = (1 - alpha) (I - alpha S)^-1 Y, solved here by
     * Gaussian elimination on the 4 x 4 system, independently of the code under test.
     */
    @Test
    void iterationConvergesToTheClosedFormOfZhouEtAl() {
        long[] ids = {10, 11, 12, 13};
        int k = 2;
        int[] nb = {1, -1, 0, 2, 3, 1, 2, -1};
        float[] d = {1f, Float.POSITIVE_INFINITY, 1f, 2f, 1f, 2f, 1f, Float.POSITIVE_INFINITY};
        KnnGraph graph = KnnGraph.of(ids, k, nb, d);
        double alpha = 0.9;
        float[] f = new Propagation(graph, alpha, 2000, 1e-12).spread(new int[] {0, -1, -1, 1}, 2);

        // Scales: distance to the min(k,7) = 2nd neighbour, or the 1st when there is none.
        double[] s = {1, 2, 2, 1};
        double[][] w = new double[4][4];
        int[][] edges = {{0, 1, 1}, {1, 0, 1}, {1, 2, 2}, {2, 3, 1}, {2, 1, 2}, {3, 2, 1}};
        for (int[] e : edges) {
            double a = Math.exp(-e[2] * e[2] / (s[e[0]] * s[e[1]]));
            w[e[0]][e[1]] += a;
            w[e[1]][e[0]] += a;
        }
        double[] deg = new double[4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                deg[i] += w[i][j];
            }
        }
        for (int c = 0; c < 2; c++) {
            double[][] m = new double[4][5];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    m[i][j] = (i == j ? 1 : 0) - alpha * w[i][j] / Math.sqrt(deg[i] * deg[j]);
                }
                m[i][4] = (1 - alpha) * ((c == 0 && i == 0) || (c == 1 && i == 3) ? 1 : 0);
            }
            double[] x = solve(m);
            for (int i = 0; i < 4; i++) {
                assertEquals(x[i], f[i * 2 + c], 1e-5, "node " + i + " class " + c);
            }
        }
        // b is nearer a, c nearer d: each takes its side's label.
        assertEquals(true, f[2] > f[3]);
        assertEquals(true, f[5] > f[4]);
    }

    private static double[] solve(double[][] m) {
        int n = m.length;
        for (int p = 0; p < n; p++) {
            for (int r = p + 1; r < n; r++) {
                double factor = m[r][p] / m[p][p];
                for (int c = p; c <= n; c++) {
                    m[r][c] -= factor * m[p][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = m[r][n];
            for (int c = r + 1; c < n; c++) {
                sum -= m[r][c] * x[c];
            }
            x[r] = sum / m[r][r];
        }
        return x;
    }
}
