package org.cbir.cluster;

import java.util.Random;

/**
 * The mean silhouette of a grouping over a sample of its rows (Rousseeuw 1987): for each sampled
 * row, {@code (b - a) / max(a, b)} with a its mean Euclidean distance to the other sampled
 * members of its group and b the smallest mean distance to the sampled members of another group.
 */
final class Silhouette {
    private Silhouette() {
    }

    /** A seeded sample of at most {@code size} distinct positions out of n, ascending. */
    static int[] sample(int n, int size, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= size) {
            return all;
        }
        Random random = new Random(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(all, size);
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    static double mean(double[][] rows, int[] labels, int[] sample) {
        int groups = 0;
        for (int i : sample) {
            groups = Math.max(groups, labels[i] + 1);
        }
        double total = 0;
        for (int i : sample) {
            double[] sum = new double[groups];
            int[] count = new int[groups];
            for (int j : sample) {
                if (j != i) {
                    sum[labels[j]] += Math.sqrt(SignatureRows.squared(rows[i], rows[j]));
                    count[labels[j]]++;
                }
            }
            int own = labels[i];
            if (count[own] == 0) {
                continue; // a singleton's silhouette is 0
            }
            double a = sum[own] / count[own];
            double b = Double.POSITIVE_INFINITY;
            for (int g = 0; g < groups; g++) {
                if (g != own && count[g] > 0) {
                    b = Math.min(b, sum[g] / count[g]);
                }
            }
            total += b == Double.POSITIVE_INFINITY ? 0 : (b - a) / Math.max(a, b);
        }
        return total / sample.length;
    }
}
