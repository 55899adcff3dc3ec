package org.cbir.index.ivf;

import org.cbir.core.internal.index.ParallelRanges;
import org.cbir.core.internal.math.RowTiles;

/**
 * The product quantizer of an IVF-PQ index (H. Jegou, M. Douze, C. Schmid, "Product Quantization
 * for Nearest Neighbor Search", TPAMI 2011, sections II and III): a residual of dimension
 * {@code d} is split into {@code m} consecutive sub-vectors (the first {@code d mod m} one
 * component longer than the others), and each sub-vector is coded by the index of the nearest of
 * the {@value #CENTROIDS} centroids of its sub-space's codebook: {@code m} bytes per vector. The
 * codebooks are learned by the same k-means as the coarse quantizer ({@link CoarseQuantizer},
 * Euclidean), one per sub-space.
 *
 * <p><b>Distances</b> (asymmetric: the query is not coded). For a vector {@code x} of the list of
 * centroid {@code c}, coded as the residual {@code r = C(code)} (the codewords put side by side),
 * {@code |q - c - r|^2 = |q - c|^2 + (|r|^2 + 2 c.r) - 2 q.r}: the first term is one number per
 * probed list, the second one number per coded vector ({@link #correction}, kept beside its code),
 * and the third a sum of {@code m} entries of a table of {@code q_j . C_j[k]} that is computed
 * once per query ({@link #innerProducts}), whichever lists are probed. FAISS's IVF-PQ uses the
 * same decomposition for its precomputed tables, with the middle term in a table per list
 * instead of a number per vector.
 *
 * <p>Immutable once built (the codebooks are not copied and never modified), and thread-safe.
 */
final class ProductQuantizer {
    /** Centroids per codebook: one byte per sub-vector. */
    static final int CENTROIDS = 256;
    /** Work (rows x 256 x d) below which an encoding of many rows stays on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 22;
    private static final RowTiles KERNELS = RowTiles.preferred();

    private final int dimension;
    private final int m;
    /** Sub-space {@code j} covers components {@code [starts[j], starts[j + 1])}. */
    private final int[] starts;
    /** Codeword {@code k} of sub-space {@code j} at {@code codebook[starts[j] * 256 + k * width(j)]}: the codebooks one after the other. */
    private final float[] codebooks;
    /**
     * Each codebook in core's {@link RowTiles} layout (256 rows of its sub-vectors' width), so
     * that the tile kernels score a sub-vector against its 256 codewords in one call, eight
     * codewords a vector register whatever the width.
     */
    private final float[][] tiles;
    /** 2 for every codeword: the "inverse norms" that turn the cosine kernel's {@code -dot} into {@code -2 dot}. */
    private final float[] twos;

    /**
     * The quantizer of the codebooks {@code codebooks} ({@code 256 x d} values: sub-space after
     * sub-space, each its 256 codewords row-major; not copied, never modified).
     */
    ProductQuantizer(float[] codebooks, int dimension, int m) {
        if (m < 1 || m > dimension || codebooks.length != (long) CENTROIDS * dimension) {
            throw new IllegalArgumentException(codebooks.length + " codebook values for " + m + " sub-vectors of a "
                    + dimension + "-d vector");
        }
        this.dimension = dimension;
        this.m = m;
        this.starts = starts(dimension, m);
        this.codebooks = codebooks;
        this.tiles = new float[m][];
        this.twos = new float[m * CENTROIDS];
        java.util.Arrays.fill(twos, 2f);
        for (int j = 0; j < m; j++) {
            int width = width(j);
            tiles[j] = new float[CENTROIDS * width];
            for (int k = 0; k < CENTROIDS; k++) {
                for (int t = 0; t < width; t++) {
                    tiles[j][RowTiles.index(k, t, width)] = codebooks[offset(j, k) + t];
                }
            }
        }
    }

    /** The first component of each of the {@code m} sub-vectors, and {@code d} last. */
    static int[] starts(int dimension, int m) {
        int[] starts = new int[m + 1];
        for (int j = 0; j < m; j++) {
            starts[j + 1] = starts[j] + dimension / m + (j < dimension % m ? 1 : 0);
        }
        return starts;
    }

    /**
     * Learns the codebooks from {@code residuals} (at least {@value #CENTROIDS} rows of
     * dimension {@code d}, not kept): k-means of 256 centroids per sub-space, seeded by
     * {@code seed} and the sub-space.
     */
    static ProductQuantizer train(float[][] residuals, int m, long seed) {
        int n = residuals.length;
        int d = residuals[0].length;
        if (n < CENTROIDS) {
            throw new IllegalArgumentException(n + " residuals cannot train codebooks of " + CENTROIDS + " centroids");
        }
        int[] starts = starts(d, m);
        float[] codebooks = new float[CENTROIDS * d];
        for (int j = 0; j < m; j++) {
            int width = starts[j + 1] - starts[j];
            float[][] sub = new float[n][width];
            for (int i = 0; i < n; i++) {
                System.arraycopy(residuals[i], starts[j], sub[i], 0, width);
            }
            float[] centroids = CoarseQuantizer.train(sub, CENTROIDS, false, seed + 31L * j).centroids();
            System.arraycopy(centroids, 0, codebooks, starts[j] * CENTROIDS, centroids.length);
        }
        return new ProductQuantizer(codebooks, d, m);
    }

    int m() {
        return m;
    }

    int dimension() {
        return dimension;
    }

    /** The codebooks, as the constructor took them (not a copy; never to be modified). */
    float[] codebooks() {
        return codebooks;
    }

    private int width(int j) {
        return starts[j + 1] - starts[j];
    }

    private int offset(int j, int k) {
        return starts[j] * CENTROIDS + k * width(j);
    }

    /**
     * Codes {@code residual} into {@code codes[offset .. offset + m)}: per sub-space the codeword of
     * the smallest squared distance, ties by the lower codeword.
     */
    void encode(float[] residual, byte[] codes, int offset) {
        float[] distances = new float[CENTROIDS];
        for (int j = 0; j < m; j++) {
            KERNELS.squareDistances(java.util.Arrays.copyOfRange(residual, starts[j], starts[j + 1]), tiles[j], 0,
                    CENTROIDS / RowTiles.WIDTH, distances, 0);
            int best = 0;
            float bestDistance = Float.POSITIVE_INFINITY;
            for (int k = 0; k < CENTROIDS; k++) {
                if (distances[k] < bestDistance) {
                    bestDistance = distances[k];
                    best = k;
                }
            }
            codes[offset + j] = (byte) best;
        }
    }

    /**
     * Codes the residuals {@code rows[i] - centroid(lists[i])} of many rows into
     * {@code codes[i * m ..]} and their {@link #correction corrections} into {@code corrections[i]},
     * in parallel ranges on the caller's fork-join pool (or the common pool) when large.
     *
     * @param centroids the coarse centroids, row-major
     */
    void encodeAll(float[][] rows, int[] lists, float[] centroids, byte[] codes, float[] corrections) {
        int n = rows.length;
        int threads = ParallelRanges.threads();
        long work = (long) n * CENTROIDS * dimension;
        int tasks = threads < 2 || work < PARALLEL_WORK ? 1 : Math.min(n, 4 * threads);
        ParallelRanges.run(tasks, n, (task, from, to) -> {
            float[] residual = new float[dimension];
            for (int i = from; i < to; i++) {
                residual(rows[i], centroids, lists[i], residual);
                encode(residual, codes, i * m);
                corrections[i] = correction(codes, i * m, centroids, lists[i]);
            }
        });
    }

    /** {@code vector - centroid(list)} into {@code target}. */
    void residual(float[] vector, float[] centroids, int list, float[] target) {
        for (int t = 0, at = list * dimension; t < dimension; t++) {
            target[t] = vector[t] - centroids[at + t];
        }
    }

    /**
     * The per-vector term of the distance, {@code |r|^2 + 2 c.r} for the residual
     * {@code r = C(codes[offset ..])} of a vector of the list of centroid {@code c}
     * ({@code = |c + r|^2 - |c|^2}).
     */
    float correction(byte[] codes, int offset, float[] centroids, int list) {
        double sum = 0;
        for (int j = 0; j < m; j++) {
            int at = offset(j, codes[offset + j] & 0xff);
            for (int t = 0, first = list * dimension + starts[j]; t < width(j); t++) {
                double r = codebooks[at + t];
                sum += r * r + 2 * centroids[first + t] * r;
            }
        }
        return (float) sum;
    }

    /**
     * The query's table into {@code table} ({@code m x 256} long): {@code -2 q_j . C_j[k]} at
     * {@code j * 256 + k}, so that {@code |q - c|^2 + correction + sum_j table[j * 256 + code_j]}
     * is the squared distance of {@code q} to the coded vector.
     */
    void innerProducts(float[] query, float[] table) {
        float[][] sub = new float[1][];
        float[][] out = {table};
        for (int j = 0; j < m; j++) {
            sub[0] = java.util.Arrays.copyOfRange(query, starts[j], starts[j + 1]);
            KERNELS.cosineScores(sub, 1, tiles[j], 0, CENTROIDS / RowTiles.WIDTH, twos, out, j * CENTROIDS);
        }
    }

    /** The residual that {@code codes[offset .. offset + m)} stand for, into {@code target}. */
    void decode(byte[] codes, int offset, float[] target) {
        for (int j = 0; j < m; j++) {
            System.arraycopy(codebooks, offset(j, codes[offset + j] & 0xff), target, starts[j], width(j));
        }
    }
}
