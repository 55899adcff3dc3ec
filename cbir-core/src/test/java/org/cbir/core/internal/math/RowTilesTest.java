package org.cbir.core.internal.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every tile-kernel implementation (scalar, 256-bit, and 512-bit where the CPU has AVX-512)
 * against a double-precision reference computed here from the row-major vectors (the tiled
 * layout is built by {@link RowTiles#index}): single-query and batched cosine scores, inverse
 * norms and squared distances, for dimensions 1 to 19 and 512, odd tile counts (the two-tile and
 * eight- or four-query loops meet their remainders), batches of 1 to 17 queries, and a zero row.
 * Errors must stay within {@link FloatKernels#relativeErrorBound}; on small integers, whose sums
 * are exact, all widths must give the same bits. The exact cosine parts (double sums) must be
 * {@link VectorMath}'s to the bit, on rows of widely spread magnitudes.
 */
class RowTilesTest {
    private static final int W = RowTiles.WIDTH;

    private final List<RowTiles> implementations = implementations();

    private static List<RowTiles> implementations() {
        List<RowTiles> list = new ArrayList<>(List.of(RowTiles.scalar(), RowTiles.preferred()));
        list.add(RowTiles.of(VectorizationProvider.panama(256).orElseThrow().tiles()));
        VectorizationProvider.panama(512).ifPresent(k -> list.add(RowTiles.of(k.tiles())));
        return list;
    }

    @Test
    void theVectorApiTilesAreChosenWhenTheModuleIsPresent() {
        assertTrue(RowTiles.preferred().name().startsWith("panama-"), RowTiles.preferred().name());
        assertEquals(FloatKernels.implementation(), RowTiles.preferred().name());
        assertEquals("scalar", RowTiles.scalar().name());
    }

    @Test
    void everyKernelMatchesADoubleReference() {
        Random random = new Random(2026);
        int[] dimensions = {1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 19, 512};
        for (RowTiles tiles : implementations) {
            for (int d : dimensions) {
                for (int tileCount : new int[] {1, 2, 3, 5}) {
                    int rows = tileCount * W;
                    float[][] vectors = new float[rows][];
                    for (int r = 0; r < rows; r++) {
                        vectors[r] = gaussian(random, d);
                    }
                    vectors[rows - 2] = new float[d]; // a zero row scores 0
                    int offset = 3 * W * d; // three tiles of other data before
                    float[] data = new float[offset + rows * d];
                    for (int r = 0; r < rows; r++) {
                        for (int j = 0; j < d; j++) {
                            data[offset + RowTiles.index(r, j, d)] = vectors[r][j];
                        }
                    }
                    int queryCount = new int[] {1, 3, 8, 9, 17}[(d + tileCount) % 5];
                    float[][] queries = new float[queryCount][];
                    for (int q = 0; q < queryCount; q++) {
                        queries[q] = unit(gaussian(random, d));
                    }
                    check(tiles, d, tileCount, vectors, data, offset, queries);
                }
            }
        }
    }

    private static void check(RowTiles tiles, int d, int tileCount, float[][] vectors, float[] data, int offset,
            float[][] queries) {
        int rows = tileCount * W;
        double bound = FloatKernels.relativeErrorBound(d + 4);
        String what = tiles.name() + " d=" + d + " tiles=" + tileCount;
        float[] inverse = new float[rows + 5];
        tiles.inverseNorms(d, data, offset, tileCount, inverse, 5);
        float[] single = new float[rows];
        float[][] batch = new float[queries.length][rows + 5];
        float[][] squares = new float[queries.length][rows + 5];
        tiles.cosineScores(queries, queries.length, data, offset, tileCount, inverse, batch, 5);
        tiles.squareDistances(queries, queries.length, data, offset, tileCount, squares, 5);
        for (int q = 0; q < queries.length; q++) {
            tiles.cosineScores(queries[q], data, offset, tileCount, single, 0);
            float[] oneSquare = new float[rows];
            tiles.squareDistances(queries[q], data, offset, tileCount, oneSquare, 0);
            for (int r = 0; r < rows; r++) {
                double norm = norm(vectors[r]);
                double cosine = norm == 0 ? 0 : dot(queries[q], vectors[r]) / norm;
                assertEquals(-cosine, single[r], 2 * bound + 1e-6, what + " cosine row " + r);
                assertEquals(-cosine, batch[q][5 + r], 2 * bound + 1e-6, what + " batched cosine row " + r);
                double square = squareDistance(queries[q], vectors[r]);
                assertEquals(square, oneSquare[r], bound * square + 1e-30, what + " square row " + r);
                assertEquals(square, squares[q][5 + r], bound * square + 1e-30, what + " batched square row " + r);
                if (q == 0) {
                    double expected = norm == 0 ? 1 / Math.sqrt(Float.MIN_NORMAL) : 1 / norm;
                    assertEquals(expected, inverse[5 + r], bound * expected, what + " inverse norm row " + r);
                }
            }
        }
    }

    @Test
    void onSmallIntegersEveryWidthGivesTheSameBits() {
        Random random = new Random(2027);
        for (int d : new int[] {1, 3, 16, 17, 512}) {
            for (int tileCount : new int[] {1, 2, 3, 5}) {
                int rows = tileCount * W;
                float[] data = new float[W * d + rows * d];
                for (int i = 0; i < data.length; i++) {
                    data[i] = random.nextInt(17) - 8;
                }
                float[][] queries = new float[9][d];
                for (float[] q : queries) {
                    for (int j = 0; j < d; j++) {
                        q[j] = random.nextInt(17) - 8;
                    }
                }
                List<float[]> reference = outputs(RowTiles.scalar(), d, tileCount, data, queries);
                for (RowTiles tiles : implementations) {
                    List<float[]> got = outputs(tiles, d, tileCount, data, queries);
                    for (int i = 0; i < got.size(); i++) {
                        assertArrayEquals(reference.get(i), got.get(i), tiles.name() + " d=" + d + " tiles="
                                + tileCount + " output " + i);
                    }
                }
            }
        }
    }

    /** Every kernel's output on data whose first tile is other data: inverse norms, then per query all scores. */
    private static List<float[]> outputs(RowTiles tiles, int d, int tileCount, float[] data, float[][] queries) {
        int rows = tileCount * W;
        int offset = W * d;
        List<float[]> outputs = new ArrayList<>();
        float[] inverse = new float[rows];
        tiles.inverseNorms(d, data, offset, tileCount, inverse, 0);
        outputs.add(inverse);
        float[][] batch = new float[queries.length][rows];
        float[][] squares = new float[queries.length][rows];
        tiles.cosineScores(queries, queries.length, data, offset, tileCount, inverse, batch, 0);
        tiles.squareDistances(queries, queries.length, data, offset, tileCount, squares, 0);
        for (int q = 0; q < queries.length; q++) {
            float[] single = new float[rows];
            float[] square = new float[rows];
            tiles.cosineScores(queries[q], data, offset, tileCount, single, 0);
            tiles.squareDistances(queries[q], data, offset, tileCount, square, 0);
            outputs.add(single);
            outputs.add(square);
            outputs.add(batch[q]);
            outputs.add(squares[q]);
        }
        return outputs;
    }

    @Test
    void exactCosinePartsAreVectorMathsSumsToTheBit() {
        Random random = new Random(2028);
        for (RowTiles tiles : implementations) {
            for (int d : new int[] {1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 19, 512}) {
                float[][] rows = new float[2 * W][];
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = gaussian(random, d);
                    if (r % 5 == 1) { // wide magnitudes, so that another order of the additions shows in the last bits
                        for (int j = 0; j < d; j++) {
                            rows[r][j] *= (float) Math.pow(10, random.nextInt(13) - 6);
                        }
                    }
                }
                rows[3] = new float[d];
                float[] query = gaussian(random, d);
                double[] queryDoubles = new double[d];
                for (int j = 0; j < d; j++) {
                    queryDoubles[j] = query[j];
                }
                int offset = W * d + 5; // another tile and a few floats before
                float[] data = new float[offset + rows.length * d];
                for (int r = 0; r < rows.length; r++) {
                    for (int j = 0; j < d; j++) {
                        data[offset + RowTiles.index(r, j, d)] = rows[r][j];
                    }
                }
                for (int tile = 0; tile < 2; tile++) {
                    double[] squares = new double[W];
                    double[] dots = new double[W + 3];
                    tiles.exactCosineParts(queryDoubles, data, offset + tile * W * d, squares, dots);
                    for (int r = 0; r < W; r++) {
                        float[] row = rows[tile * W + r];
                        double square = 0;
                        for (float v : row) {
                            square += (double) v * v;
                        }
                        String what = tiles.name() + " d=" + d + " row " + (tile * W + r);
                        assertEquals(square, squares[r], 0.0, what + " squared norm");
                        assertEquals(VectorMath.norm(row), Math.sqrt(squares[r]), 0.0, what + " norm");
                        assertEquals(VectorMath.dot(query, row), dots[r], 0.0, what + " dot");
                    }
                }
            }
        }
    }

    @Test
    void outOfBoundsArgumentsAreRefused() {
        RowTiles tiles = RowTiles.preferred();
        float[] data = new float[2 * W * 3];
        assertThrows(IndexOutOfBoundsException.class,
                () -> tiles.cosineScores(new float[3], data, 1, 2, new float[2 * W], 0));
        assertThrows(IndexOutOfBoundsException.class,
                () -> tiles.squareDistances(new float[3], data, 0, 2, new float[2 * W - 1], 0));
        assertThrows(IllegalArgumentException.class, () -> tiles.squareDistances(new float[][] {new float[3],
                new float[2]}, 2, data, 0, 1, new float[2][W], 0));
        assertThrows(IndexOutOfBoundsException.class,
                () -> tiles.exactCosineParts(new double[3], data, W * 3 + 1, new double[W], new double[W]));
        assertThrows(IndexOutOfBoundsException.class,
                () -> tiles.exactCosineParts(new double[3], data, 0, new double[W], new double[W - 1]));
        assertThrows(IllegalArgumentException.class,
                () -> tiles.exactCosineParts(new double[0], data, 0, new double[W], new double[W]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tiles.inverseNorms(0, data, 0, 1, new float[W], 0));
        assertTrue(e.getMessage().contains("dimension 0"), e.getMessage());
    }

    private static float[] gaussian(Random random, int d) {
        float[] v = new float[d];
        for (int i = 0; i < d; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static float[] unit(float[] v) {
        double n = norm(v);
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / n);
        }
        return u;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double squareDistance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double e = (double) a[i] - b[i];
            s += e * e;
        }
        return s;
    }
}
