package org.cbir.core.internal.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Both tile-kernel implementations against a double-precision reference computed here from the
 * row-major vectors (the tiled layout is built by {@link RowTiles#index}): single-query and
 * batched cosine scores, inverse norms and squared distances, for dimensions 1 to 19 and 512,
 * odd tile counts (the two-tile and four-query loops meet their remainders), batches of 1 to 9
 * queries, and a zero row. Errors must stay within {@link FloatKernels#relativeErrorBound}.
 */
class RowTilesTest {
    private static final int W = RowTiles.WIDTH;

    private final List<RowTiles> implementations = List.of(RowTiles.scalar(), RowTiles.preferred());

    @Test
    void theVectorApiTilesAreChosenWhenTheModuleIsPresent() {
        assertEquals("panama-256", RowTiles.preferred().name());
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
                    int queryCount = 1 + random.nextInt(9);
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
    void outOfBoundsArgumentsAreRefused() {
        RowTiles tiles = RowTiles.preferred();
        float[] data = new float[2 * W * 3];
        assertThrows(IndexOutOfBoundsException.class,
                () -> tiles.cosineScores(new float[3], data, 1, 2, new float[2 * W], 0));
        assertThrows(IndexOutOfBoundsException.class,
                () -> tiles.squareDistances(new float[3], data, 0, 2, new float[2 * W - 1], 0));
        assertThrows(IllegalArgumentException.class, () -> tiles.squareDistances(new float[][] {new float[3],
                new float[2]}, 2, data, 0, 1, new float[2][W], 0));
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
