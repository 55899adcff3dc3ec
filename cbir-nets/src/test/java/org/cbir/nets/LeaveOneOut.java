package org.cbir.nets;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Leave-one-out retrieval scores of a set of labelled signatures under cosine distance, written
 * out plainly for the tests: each signature queries all the others. Top-1 accuracy is the share
 * of queries whose nearest other signature has the query's label; average precision of a query
 * is the mean, over the ranks r of its relevant results, of (relevant results in the top r) / r;
 * MAP is its mean over queries. Ties are broken by index.
 */
public record LeaveOneOut(double top1Accuracy, double meanAveragePrecision) {

    public static LeaveOneOut score(List<float[]> signatures, List<String> labels) {
        int n = signatures.size();
        double[][] unit = new double[n][];
        for (int i = 0; i < n; i++) {
            float[] s = signatures.get(i);
            double norm = 0;
            for (float v : s) {
                norm += (double) v * v;
            }
            norm = Math.sqrt(norm);
            unit[i] = new double[s.length];
            for (int j = 0; j < s.length; j++) {
                unit[i][j] = norm == 0 ? 0 : s[j] / norm;
            }
        }
        int correct = 0;
        double apSum = 0;
        for (int q = 0; q < n; q++) {
            double[] distance = new double[n];
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int d = 0; d < unit[q].length; d++) {
                    dot += unit[q][d] * unit[j][d];
                }
                distance[j] = 1 - dot;
            }
            final int query = q;
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> distance[j]).thenComparingInt(j -> j));
            int rank = 0;
            int relevant = 0;
            double precisionSum = 0;
            for (int j : order) {
                if (j == query) {
                    continue;
                }
                rank++;
                boolean same = labels.get(j).equals(labels.get(query));
                if (rank == 1 && same) {
                    correct++;
                }
                if (same) {
                    relevant++;
                    precisionSum += (double) relevant / rank;
                }
            }
            apSum += relevant == 0 ? 0 : precisionSum / relevant;
        }
        return new LeaveOneOut((double) correct / n, apSum / n);
    }
}
