package org.cbir.cluster.label;

import java.util.stream.IntStream;
import org.cbir.cluster.graph.KnnGraph;

/**
 * Label spreading of Zhou et al. (2004) on a sparse k-NN graph: with the affinity
 * {@code W = A + A^T}, where {@code A[i][j] = exp(-d(i,j)^2 / (s_i s_j))} for j among i's
 * neighbours and {@code s_i} is i's distance to its {@code min(k, 7)}-th neighbour (local scaling,
 * Zelnik-Manor and Perona 2004, so that no global bandwidth has to be tuned), and
 * {@code S = D^-1/2 W D^-1/2}, it iterates {@code F <- alpha S F + (1 - alpha) Y} from
 * {@code F = Y} until no entry changes by more than the tolerance, or the iteration limit. Memory
 * and time per iteration are proportional to n x k x classes. Immutable; {@link #spread} may run
 * concurrently.
 */
final class Propagation {
    private static final int SCALE_NEIGHBOUR = 7;

    private final int n;
    private final int[] start;
    private final int[] target;
    private final float[] weight;
    private final double alpha;
    private final int maxIterations;
    private final double tolerance;

    Propagation(KnnGraph graph, double alpha, int maxIterations, double tolerance) {
        this.n = graph.size();
        this.alpha = alpha;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        int k = graph.k();
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = Math.min(k, SCALE_NEIGHBOUR) - 1; j >= 0 && s == 0; j--) {
                float d = graph.distance(i, j);
                s = Float.isFinite(d) ? d : 0;
            }
            scale[i] = s;
        }
        int[] degree = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                int other = graph.neighbor(i, j);
                if (other >= 0) {
                    degree[i]++;
                    degree[other]++;
                }
            }
        }
        start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + degree[i];
        }
        target = new int[start[n]];
        weight = new float[start[n]];
        int[] fill = start.clone();
        double[] strength = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                int other = graph.neighbor(i, j);
                if (other < 0) {
                    continue;
                }
                double d = graph.distance(i, j);
                double bandwidth = scale[i] * scale[other];
                float w = (float) (bandwidth > 0 ? Math.exp(-d * d / bandwidth) : d == 0 ? 1 : 0);
                target[fill[i]] = other;
                weight[fill[i]++] = w;
                target[fill[other]] = i;
                weight[fill[other]++] = w;
                strength[i] += w;
                strength[other] += w;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int e = start[i]; e < start[i + 1]; e++) {
                double norm = Math.sqrt(strength[i] * strength[target[e]]);
                weight[e] = norm > 0 ? (float) (weight[e] / norm) : 0f;
            }
        }
    }

    /**
     * The propagated class masses, {@code n x classes} row-major, for seeds {@code seedClass[i]}
     * (a class number, or -1 for a node without a label).
     */
    float[] spread(int[] seedClass, int classes) {
        float[] y = new float[n * classes];
        for (int i = 0; i < n; i++) {
            if (seedClass[i] >= 0) {
                y[i * classes + seedClass[i]] = 1f;
            }
        }
        float[] f = y.clone();
        float[] next = new float[f.length];
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            float[] current = f;
            float[] result = next;
            double change = IntStream.range(0, n).parallel().mapToDouble(i -> {
                double largest = 0;
                int row = i * classes;
                double[] sum = new double[classes];
                for (int e = start[i]; e < start[i + 1]; e++) {
                    double w = weight[e];
                    int from = target[e] * classes;
                    for (int c = 0; c < classes; c++) {
                        sum[c] += w * current[from + c];
                    }
                }
                for (int c = 0; c < classes; c++) {
                    float value = (float) (alpha * sum[c] + (1 - alpha) * y[row + c]);
                    largest = Math.max(largest, Math.abs(value - current[row + c]));
                    result[row + c] = value;
                }
                return largest;
            }).max().orElse(0);
            next = current;
            f = result;
            if (change <= tolerance) {
                break;
            }
        }
        return f;
    }
}
