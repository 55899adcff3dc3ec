package org.cbir.core.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.cbir.core.Neighbor;
import org.junit.jupiter.api.Test;

/**
 * The primitive sort and selection against {@link Neighbor}'s own order ({@code List.sort}) and
 * {@link Arrays#sort}: random pairs with few distinct distances (long runs of equal keys), all
 * equal, the special doubles (-0.0, 0.0, infinities, NaN), negative and extreme ids, and sizes
 * around the insertion-sort cut and the digit widths.
 */
class NeighborSortTest {
    private static final double[] SPECIAL = {-0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NaN, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, 1.0, 2.0, 1e-300};

    @Test
    void sortsLikeNeighborsCompareTo() {
        Random random = new Random(20);
        int[] sizes = {0, 1, 2, 31, 32, 33, 100, 2_047, 2_048, 5_000, 140_000};
        for (int size : sizes) {
            for (int distinct : new int[] {1, 3, 50, Integer.MAX_VALUE}) {
                double[] pool = new double[distinct == Integer.MAX_VALUE ? 1 : distinct];
                for (int i = 0; i < pool.length; i++) {
                    pool[i] = i < SPECIAL.length && distinct > 10 ? SPECIAL[i] : random.nextDouble() * 2;
                }
                List<Neighbor> expected = new ArrayList<>(size);
                long[] keys = new long[size];
                long[] ids = new long[size];
                for (int i = 0; i < size; i++) {
                    double d = distinct == Integer.MAX_VALUE ? random.nextGaussian() : pool[random.nextInt(pool.length)];
                    long id = switch (random.nextInt(4)) {
                        case 0 -> random.nextLong();
                        case 1 -> random.nextInt(size + 1) - size / 2; // repeats: the sort must not care
                        case 2 -> i % 2 == 0 ? Long.MIN_VALUE + i : Long.MAX_VALUE - i;
                        default -> i;
                    };
                    expected.add(new Neighbor(id, d));
                    keys[i] = NeighborSort.key(d);
                    ids[i] = id;
                }
                expected.sort(null);
                long[] parallelKeys = keys.clone();
                long[] parallelIds = ids.clone();
                NeighborSort.sort(keys, ids, size);
                NeighborSort.sort(parallelKeys, parallelIds, size, 3);
                String what = size + " pairs, " + distinct + " distinct distances";
                assertEquals(expected, NeighborSort.neighbors(keys, ids, size, size), what);
                assertEquals(expected, NeighborSort.neighbors(parallelKeys, parallelIds, size, size), what + ", 3 tasks");
                assertEquals(expected.subList(0, Math.min(7, size)), NeighborSort.neighbors(keys, ids, size, 7), what);
            }
        }
    }

    @Test
    void keysOrderAsDoubleCompareAndRoundTrip() {
        for (double a : SPECIAL) {
            assertEquals(Double.doubleToLongBits(a), Double.doubleToLongBits(NeighborSort.distance(NeighborSort.key(a))));
            for (double b : SPECIAL) {
                assertEquals(Integer.signum(Double.compare(a, b)),
                        Integer.signum(Long.compare(NeighborSort.key(a), NeighborSort.key(b))), a + " vs " + b);
            }
        }
    }

    @Test
    void selectFindsTheValueOfEachRank() {
        Random random = new Random(21);
        for (int size : new int[] {1, 2, 3, 10, 1_000, 50_000}) {
            for (int distinct : new int[] {1, 2, 7, Integer.MAX_VALUE}) {
                float[] values = new float[size];
                for (int i = 0; i < size; i++) {
                    values[i] = distinct == Integer.MAX_VALUE ? (float) random.nextGaussian()
                            : random.nextInt(distinct) == 0 ? Float.POSITIVE_INFINITY : random.nextInt(distinct);
                }
                float[] sorted = values.clone();
                Arrays.sort(sorted);
                for (int rank : new int[] {0, size / 3, size / 2, size - 1, random.nextInt(size)}) {
                    assertEquals(sorted[rank], NeighborSort.select(values.clone(), size, rank), size + " values");
                }
            }
        }
        float[] ascending = new float[10_000];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = i % 2 == 0 ? i : ascending.length - i; // organ pipe: a bad case for naive pivots
        }
        float[] sorted = ascending.clone();
        Arrays.sort(sorted);
        assertEquals(sorted[4_321], NeighborSort.select(ascending, ascending.length, 4_321));
        assertThrows(IllegalArgumentException.class, () -> NeighborSort.select(new float[3], 3, 3));
    }
}
