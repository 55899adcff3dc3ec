package org.cbir.index.ivf;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.cbir.core.internal.index.ParallelRanges;
import org.cbir.core.internal.math.RowTiles;
import org.cbir.core.internal.math.VectorMath;

/**
 * The coarse quantizer of an inverted file: {@code lists} centroids, learned by k-means (Lloyd's
 * iterations from k-means++ seeds), and
 * the scoring of a vector against all of them with core's {@link RowTiles} kernels. Under cosine
 * the k-means is spherical: samples and centroids are unit vectors, and a vector's list is the
 * centroid of the largest cosine; under Euclidean the centroid of the smallest distance. An empty
 * cluster takes half of the largest one, whose centroid is split in two points a relative
 * {@code 1/1024} apart (FAISS's rule). Deterministic for a seed, whatever the number of threads.
 *
 * <p>Immutable once built, and thread-safe.
 */
final class CoarseQuantizer {
    private static final int W = RowTiles.WIDTH;
    private static final RowTiles KERNELS = RowTiles.preferred();
    /** Lloyd iterations at most, as FAISS trains an inverted file (they stop earlier when no assignment changes). */
    static final int ITERATIONS = 10;
    private static final double SPLIT = 1.0 / 1024;
    /** Vectors scored together against the centroids (one tile read serves eight). */
    private static final int BATCH = 8;

    private final int lists;
    private final int dimension;
    private final boolean cosine;
    /** The centroids, row-major, as saved. */
    private final float[] centroids;
    private final float[] tiles;
    private final float[] inverseNorms;

    /**
     * The quantizer of the centroids {@code centroids} (row-major, {@code lists x dimension}; not
     * copied, never modified).
     */
    CoarseQuantizer(float[] centroids, int lists, int dimension, boolean cosine) {
        if (centroids.length != (long) lists * dimension || lists < 1) {
            throw new IllegalArgumentException(centroids.length + " centroid values for " + lists + " lists of dimension "
                    + dimension);
        }
        this.lists = lists;
        this.dimension = dimension;
        this.cosine = cosine;
        this.centroids = centroids;
        int rows = InvertedLists.roundUp(lists);
        this.tiles = new float[rows * dimension];
        for (int c = 0; c < lists; c++) {
            for (int j = 0; j < dimension; j++) {
                tiles[RowTiles.index(c, j, dimension)] = centroids[c * dimension + j];
            }
        }
        this.inverseNorms = new float[rows];
        KERNELS.inverseNorms(dimension, tiles, 0, rows / W, inverseNorms, 0);
    }

    /**
     * Learns {@code lists} centroids from {@code sample} (at least {@code lists} rows, not kept;
     * under cosine each row is normalised first).
     */
    static CoarseQuantizer train(float[][] sample, int lists, boolean cosine, long seed) {
        int n = sample.length;
        int d = sample[0].length;
        if (n < lists) {
            throw new IllegalArgumentException(n + " sample vectors cannot train " + lists + " lists");
        }
        float[][] rows = cosine ? new float[n][] : sample;
        if (cosine) {
            for (int i = 0; i < n; i++) {
                rows[i] = VectorMath.normalized(sample[i]);
            }
        }
        float[] centroids = seeds(rows, lists, new SplittableRandom(seed));
        CoarseQuantizer quantizer = new CoarseQuantizer(centroids, lists, d, cosine);
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            int[] next = quantizer.assign(rows);
            boolean changed = !Arrays.equals(next, labels);
            labels = next;
            if (!changed) {
                break;
            }
            quantizer = new CoarseQuantizer(means(rows, labels, lists, cosine), lists, d, cosine);
        }
        return quantizer;
    }

    /**
     * The k-means++ seeds (D. Arthur, S. Vassilvitskii, "k-means++: The Advantages of Careful
     * Seeding", SODA 2007): the first a uniform pick, each next one a row picked with probability
     * proportional to its squared distance to the nearest seed so far (uniform again when every row
     * lies on a seed). The distances of all rows to each new seed come from one tile-kernel pass.
     */
    private static float[] seeds(float[][] rows, int lists, SplittableRandom random) {
        int n = rows.length;
        int d = rows[0].length;
        int padded = InvertedLists.roundUp(n);
        float[] tiled = new float[padded * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                tiled[RowTiles.index(i, j, d)] = rows[i][j];
            }
        }
        float[] nearest = new float[padded];
        Arrays.fill(nearest, Float.POSITIVE_INFINITY);
        float[] distances = new float[padded];
        float[] centroids = new float[lists * d];
        int pick = random.nextInt(n);
        for (int c = 0; c < lists; c++) {
            System.arraycopy(rows[pick], 0, centroids, c * d, d);
            if (c == lists - 1) {
                break;
            }
            KERNELS.squareDistances(rows[pick], tiled, 0, padded / W, distances, 0);
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], distances[i]);
                total += nearest[i];
            }
            if (!(total > 0)) {
                pick = random.nextInt(n);
                continue;
            }
            double target = random.nextDouble() * total;
            double sum = 0;
            pick = n - 1;
            for (int i = 0; i < n; i++) {
                sum += nearest[i];
                if (sum > target && nearest[i] > 0) {
                    pick = i;
                    break;
                }
            }
        }
        return centroids;
    }

    /** The centroids of the clusters {@code labels}, with empty clusters split off the largest. */
    private static float[] means(float[][] rows, int[] labels, int lists, boolean cosine) {
        int d = rows[0].length;
        double[] sums = new double[lists * d];
        int[] counts = new int[lists];
        for (int i = 0; i < rows.length; i++) {
            int c = labels[i];
            counts[c]++;
            for (int j = 0; j < d; j++) {
                sums[c * d + j] += rows[i][j];
            }
        }
        float[] centroids = new float[lists * d];
        for (int c = 0; c < lists; c++) {
            for (int j = 0; j < d; j++) {
                centroids[c * d + j] = counts[c] == 0 ? 0 : (float) (sums[c * d + j] / counts[c]);
            }
        }
        for (int empty = 0; empty < lists; empty++) {
            if (counts[empty] > 0) {
                continue;
            }
            int largest = 0;
            for (int c = 1; c < lists; c++) {
                if (counts[c] > counts[largest]) {
                    largest = c;
                }
            }
            for (int j = 0; j < d; j++) {
                double sign = j % 2 == 0 ? 1 : -1;
                float v = centroids[largest * d + j];
                centroids[empty * d + j] = (float) (v * (1 + sign * SPLIT));
                centroids[largest * d + j] = (float) (v * (1 - sign * SPLIT));
            }
            counts[empty] = counts[largest] / 2;
            counts[largest] -= counts[empty];
        }
        if (cosine) {
            for (int c = 0; c < lists; c++) {
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    norm += (double) centroids[c * d + j] * centroids[c * d + j];
                }
                double inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
                for (int j = 0; j < d; j++) {
                    centroids[c * d + j] = (float) (centroids[c * d + j] * inverse);
                }
            }
        }
        return centroids;
    }

    int lists() {
        return lists;
    }

    /** The centroids, row-major (not a copy; never to be modified). */
    float[] centroids() {
        return centroids;
    }

    /**
     * The list of every row of {@code rows}: its best-scoring centroid, ties by the lower list.
     * Large inputs are scored in parallel ranges on the caller's fork-join pool, or the common pool.
     */
    int[] assign(float[][] rows) {
        int[] labels = new int[rows.length];
        int batches = (rows.length + BATCH - 1) / BATCH;
        int threads = ParallelRanges.threads();
        long work = (long) rows.length * lists * dimension;
        int tasks = threads < 2 || work < (1L << 22) ? 1 : Math.min(batches, 4 * threads);
        ParallelRanges.run(tasks, batches, (task, from, to) -> {
            float[][] scores = new float[BATCH][tiles.length / dimension];
            float[][] queries = new float[BATCH][];
            for (int b = from; b < to; b++) {
                int first = b * BATCH;
                int count = Math.min(BATCH, rows.length - first);
                System.arraycopy(rows, first, queries, 0, count);
                score(queries, count, scores);
                for (int q = 0; q < count; q++) {
                    labels[first + q] = best(scores[q]);
                }
            }
        });
        return labels;
    }

    /**
     * Scores of {@code query} against every centroid into {@code scores} (at least
     * {@code lists} rounded up to 8 long): minus the cosine times the query's norm under cosine,
     * the squared distance under Euclidean; smaller is nearer.
     */
    void score(float[] query, float[] scores) {
        if (cosine) {
            KERNELS.cosineScores(new float[][] {query}, 1, tiles, 0, tiles.length / (W * dimension), inverseNorms,
                    new float[][] {scores}, 0);
        } else {
            KERNELS.squareDistances(query, tiles, 0, tiles.length / (W * dimension), scores, 0);
        }
    }

    private void score(float[][] queries, int count, float[][] scores) {
        int tileCount = tiles.length / (W * dimension);
        if (cosine) {
            KERNELS.cosineScores(queries, count, tiles, 0, tileCount, inverseNorms, scores, 0);
        } else {
            KERNELS.squareDistances(queries, count, tiles, 0, tileCount, scores, 0);
        }
    }

    /** The list of the smallest of the {@link #score scores} (NaN ranks last), ties by the lower list. */
    int best(float[] scores) {
        int best = 0;
        float bestScore = Float.POSITIVE_INFINITY;
        for (int c = 0; c < lists; c++) {
            if (scores[c] < bestScore) {
                bestScore = scores[c];
                best = c;
            }
        }
        return best;
    }

    /**
     * The {@code wanted} lists of the smallest {@code scores} (from {@link #score}), nearest
     * first, ties by the lower list, NaN last.
     */
    int[] nearestLists(float[] scores, int wanted) {
        int m = Math.min(wanted, lists);
        int[] chosen = new int[m];
        float[] kept = new float[m];
        int size = 0;
        if (m > 64) { // a full ranking: sort (score, list) keys
            long[] keys = new long[lists];
            for (int c = 0; c < lists; c++) {
                keys[c] = (long) sortable(scores[c]) << 32 | c;
            }
            Arrays.sort(keys);
            for (int i = 0; i < m; i++) {
                chosen[i] = (int) keys[i];
            }
            return chosen;
        }
        for (int c = 0; c < lists; c++) { // insertion into the m best so far
            float s = Float.isNaN(scores[c]) ? Float.POSITIVE_INFINITY : scores[c];
            if (size == m && !(s < kept[m - 1])) {
                continue;
            }
            int i = size == m ? m - 1 : size++;
            while (i > 0 && kept[i - 1] > s) {
                kept[i] = kept[i - 1];
                chosen[i] = chosen[i - 1];
                i--;
            }
            kept[i] = s;
            chosen[i] = c;
        }
        return chosen;
    }

    /** An int whose signed order is the order of {@code score}, NaN above infinity. */
    static int sortable(float score) {
        int bits = Float.floatToIntBits(Float.isNaN(score) ? Float.POSITIVE_INFINITY : score);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }

    /** The score whose {@link #sortable} form is {@code sortable} (NaN comes back as infinity). */
    static float unsortable(int sortable) {
        return Float.intBitsToFloat(sortable >= 0 ? sortable : sortable ^ 0x7fffffff);
    }
}
