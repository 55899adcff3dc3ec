package org.cbir.core.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Random;
import java.util.RandomAccess;
import java.util.function.Consumer;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

/**
 * {@link NeighborList}, the ranking the exact scan returns, against an {@link ArrayList} of
 * {@link Neighbor} records sorted by {@code List.sort} (computed without the radix sort): the
 * same elements in the same order, and the {@link List} contract (size, bounds errors, equals and
 * hashCode both ways, sub-lists, iterators, streams), with special doubles (-0.0 and 0.0 are
 * different neighbours, NaN equals NaN, as records compare them); every change refused.
 */
class NeighborListTest {
    private static final double[] SPECIAL = {-0.0, 0.0, Double.POSITIVE_INFINITY, Double.NaN, Double.MIN_VALUE,
            1.0, 2.0};

    @Test
    void equalsTheBruteForceSortElementByElement() {
        Random random = new Random(3);
        for (int size : new int[] {0, 1, 2, 33, 1_000, 70_000}) {
            List<Neighbor> expected = new ArrayList<>(size);
            long[] keys = new long[size];
            long[] ids = new long[size];
            for (int i = 0; i < size; i++) {
                double d = random.nextInt(3) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : random.nextInt(50) / 7.0;
                long id = random.nextInt(2) == 0 ? random.nextLong() : random.nextInt(size + 1) - size / 2;
                expected.add(new Neighbor(id, d));
                keys[i] = NeighborSort.key(d);
                ids[i] = id;
            }
            expected.sort(null);
            NeighborSort.sort(keys, ids, size, 2);
            for (int k : new int[] {1, size / 3 + 1, size, size + 4}) {
                List<Neighbor> want = expected.subList(0, Math.min(k, size));
                List<Neighbor> list = NeighborSort.neighbors(keys, ids, size, k);
                String what = size + " pairs, k=" + k;
                assertInstanceOf(RandomAccess.class, list, what);
                assertEquals(want.size(), list.size(), what);
                assertEquals(want.isEmpty(), list.isEmpty(), what);
                for (int i = 0; i < want.size(); i++) {
                    assertEquals(want.get(i), list.get(i), what + ", element " + i);
                }
                assertEquals(want, list, what);
                assertEquals(list, want, what);
                assertEquals(new ArrayList<>(want), list, what);
                assertEquals(want.hashCode(), list.hashCode(), what);
                assertEquals(want, new ArrayList<>(list), what);
                assertEquals(want, list.stream().toList(), what);
                assertEquals(want, Arrays.asList(list.toArray(new Neighbor[0])), what);
                List<Neighbor> iterated = new ArrayList<>();
                for (Neighbor n : list) {
                    iterated.add(n);
                }
                assertEquals(want, iterated, what);
                List<Neighbor> backwards = new ArrayList<>();
                for (ListIterator<Neighbor> it = list.listIterator(list.size()); it.hasPrevious(); ) {
                    backwards.add(0, it.previous());
                }
                assertEquals(want, backwards, what);
                if (!want.isEmpty()) {
                    Neighbor last = want.get(want.size() - 1);
                    assertEquals(want.indexOf(last), list.indexOf(last), what);
                    assertTrue(list.contains(want.get(0)), what);
                }
                assertFalse(list.contains(new Neighbor(Long.MIN_VALUE, -1)), what);
            }
        }
    }

    @Test
    void getAndSubListCheckTheirBounds() {
        List<Neighbor> list = list(new double[] {0.5, 0.25, 1}, new long[] {7, 8, 9});
        for (int bad : new int[] {-1, 3, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertThrows(IndexOutOfBoundsException.class, () -> list.get(bad), "get(" + bad + ")");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> list.subList(-1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> list.subList(0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> list.subList(2, 1));
        List<Neighbor> tail = list.subList(1, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> tail.get(2));
        assertThrows(IndexOutOfBoundsException.class, () -> tail.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> tail.subList(0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> list.listIterator(4));
        Iterator<Neighbor> it = list.subList(3, 3).iterator();
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }

    @Test
    void subListsAreTheSameNeighboursAsAnArrayListsSubLists() {
        Random random = new Random(11);
        int size = 200;
        double[] distances = new double[size];
        long[] ids = new long[size];
        for (int i = 0; i < size; i++) {
            distances[i] = random.nextInt(20);
            ids[i] = random.nextInt(1_000) - 500;
        }
        List<Neighbor> list = list(distances, ids);
        List<Neighbor> copy = new ArrayList<>(list);
        for (int trial = 0; trial < 300; trial++) {
            int from = random.nextInt(size + 1);
            int to = from + random.nextInt(size - from + 1);
            List<Neighbor> sub = list.subList(from, to);
            assertEquals(copy.subList(from, to), sub, from + ".." + to);
            assertEquals(copy.subList(from, to).hashCode(), sub.hashCode(), from + ".." + to);
            if (to > from) {
                int a = random.nextInt(to - from + 1);
                int b = a + random.nextInt(to - from - a + 1);
                assertEquals(copy.subList(from + a, from + b), sub.subList(a, b), from + ".." + to + " / " + a + ".." + b);
            }
        }
    }

    @Test
    void equalsComparesDistancesAsNeighborRecordsDo() {
        List<Neighbor> zero = list(new double[] {0.0, Double.NaN}, new long[] {1, 2});
        List<Neighbor> minusZero = list(new double[] {-0.0, Double.NaN}, new long[] {1, 2});
        List<Neighbor> again = list(new double[] {0.0, Double.NaN}, new long[] {1, 2});
        List<Neighbor> otherId = list(new double[] {0.0, Double.NaN}, new long[] {1, 3});
        assertEquals(again, zero); // NaN equals NaN, as in the records
        assertEquals(again.hashCode(), zero.hashCode());
        assertNotEquals(minusZero, zero); // -0.0 and 0.0 are different distances, as in the records
        assertNotEquals(otherId, zero);
        assertNotEquals(zero.subList(0, 1), zero);
        assertEquals(List.of(new Neighbor(2, Double.NaN)), zero.subList(1, 2));
        for (List<Neighbor> a : List.of(zero, minusZero, again, otherId)) {
            for (List<Neighbor> b : List.of(zero, minusZero, again, otherId)) {
                assertEquals(new ArrayList<>(a).equals(new ArrayList<>(b)), a.equals(b), a + " / " + b);
            }
        }
        assertNotEquals(zero, List.of("a", "b"));
        assertNotEquals(zero, null);
        assertEquals(List.of(), list(new double[0], new long[0]));
    }

    @Test
    void refusesEveryChangeEvenAnEmptyOne() {
        List<Neighbor> full = list(new double[] {0.5, 0.25, 1}, new long[] {7, 8, 9});
        List<Neighbor> before = new ArrayList<>(full);
        Neighbor n = new Neighbor(1, 0.1);
        for (List<Neighbor> list : List.of(full, full.subList(0, 2), full.subList(1, 1),
                list(new double[0], new long[0]))) {
            List<Consumer<List<Neighbor>>> changes = List.of(
                    l -> l.add(n), l -> l.add(0, n), l -> l.addAll(List.of(n)), l -> l.addAll(List.of()),
                    l -> l.addAll(0, List.of(n)), l -> l.set(0, n), l -> l.remove(0), l -> l.remove(n),
                    l -> l.removeAll(List.of(n)), l -> l.retainAll(List.of(n)), l -> l.removeIf(x -> false),
                    l -> l.replaceAll(x -> x), l -> l.sort(null), l -> l.clear(),
                    l -> l.subList(0, 0).clear(), l -> l.listIterator().add(n));
            for (int c = 0; c < changes.size(); c++) {
                Consumer<List<Neighbor>> change = changes.get(c);
                assertThrows(UnsupportedOperationException.class, () -> change.accept(list), "change " + c);
            }
            if (!list.isEmpty()) {
                Iterator<Neighbor> it = list.iterator();
                it.next();
                assertThrows(UnsupportedOperationException.class, it::remove);
                ListIterator<Neighbor> li = list.listIterator();
                li.next();
                assertThrows(UnsupportedOperationException.class, () -> li.set(n));
            }
        }
        assertEquals(before, full);
    }

    @Test
    void theExactIndexReturnsTheseListsForSmallAndWholeCollectionRankings() {
        Random random = new Random(5);
        ExactScanIndex index = new ExactScanIndex(4, Similarity.cosine());
        List<Neighbor> expected = new ArrayList<>();
        float[] query = {1, 0.5f, 0, -1};
        for (int i = 0; i < 5_000; i++) {
            float[] v = new float[4];
            for (int j = 0; j < 4; j++) {
                v[j] = random.nextInt(5) - 2;
            }
            index.add(i * 7L - 900, v);
            expected.add(new Neighbor(i * 7L - 900, Similarity.cosine().distance(query, v)));
        }
        expected.sort(null);
        for (int k : new int[] {10, 5_000}) {
            List<Neighbor> found = index.search(query, k);
            assertInstanceOf(NeighborList.class, found, "k=" + k);
            assertEquals(expected.subList(0, k), found, "k=" + k);
            assertThrows(UnsupportedOperationException.class, () -> found.add(new Neighbor(0, 0)), "k=" + k);
        }
    }

    /** A list over the pairs as given (not sorted). */
    private static List<Neighbor> list(double[] distances, long[] ids) {
        long[] keys = new long[distances.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = NeighborSort.key(distances[i]);
        }
        return new NeighborList(keys, ids.clone(), 0, keys.length);
    }
}
