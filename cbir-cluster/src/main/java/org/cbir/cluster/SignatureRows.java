package org.cbir.cluster;

import org.cbir.core.Index;
import org.cbir.core.IndexView;

/** The stored signatures of a list of ids, read from an index, as rows of doubles. */
final class SignatureRows {
    private SignatureRows() {
    }

    /**
     * Row i is the signature of {@code ids[i]}; scaled to unit length when {@code unitLength}
     * (so that Euclidean k-means groups by angle, as a cosine index ranks).
     *
     * @throws IllegalArgumentException if an id is not in the index
     */
    static double[][] read(IndexView index, long[] ids, boolean unitLength) {
        double[][] rows = new double[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            long id = ids[i];
            float[] v = index.vector(id).orElseThrow(() -> new IllegalArgumentException("id " + id + " is not in the index"));
            double[] row = new double[v.length];
            double norm = 0;
            for (int j = 0; j < v.length; j++) {
                row[j] = v[j];
                norm += row[j] * row[j];
            }
            if (unitLength && norm > 0) {
                double scale = 1 / Math.sqrt(norm);
                for (int j = 0; j < row.length; j++) {
                    row[j] *= scale;
                }
            }
            rows[i] = row;
        }
        return rows;
    }

    /** Each row's Euclidean distance to the mean of its group's rows (NaN for noise). */
    static double[] centerDistances(double[][] rows, int[] groups, int groupCount) {
        int dimension = rows.length == 0 ? 0 : rows[0].length;
        double[][] means = new double[groupCount][dimension];
        int[] sizes = new int[groupCount];
        for (int i = 0; i < rows.length; i++) {
            if (groups[i] >= 0) {
                sizes[groups[i]]++;
                for (int j = 0; j < dimension; j++) {
                    means[groups[i]][j] += rows[i][j];
                }
            }
        }
        for (int g = 0; g < groupCount; g++) {
            for (int j = 0; j < dimension; j++) {
                means[g][j] /= Math.max(1, sizes[g]);
            }
        }
        double[] distances = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            distances[i] = groups[i] < 0 ? Double.NaN : Math.sqrt(squared(rows[i], means[groups[i]]));
        }
        return distances;
    }

    static double squared(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            sum += d * d;
        }
        return sum;
    }
}
