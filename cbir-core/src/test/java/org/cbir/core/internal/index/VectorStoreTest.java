package org.cbir.core.internal.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorStore}'s two ways of removing (marking dead then compacting; moving the last row),
 * checked against a {@link HashMap} of id to vector and a list of ids doing the same moves.
 */
class VectorStoreTest {

    private static float[] vectorOf(long id) {
        return new float[] {id, -id, id * 0.5f};
    }

    @Test
    void markedRowsKeepTheirNumbersUntilCompactionRenumbersInOrder() {
        VectorStore store = new VectorStore(3, 64); // several chunks, the first grown by doubling
        List<Long> order = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 1000; i++) {
            long id = random.nextInt(1_000_000) - 500_000L;
            if (store.rowOf(id) < 0) {
                assertEquals(order.size(), store.append(id, vectorOf(id), 0));
                order.add(id);
            }
        }
        int rows = order.size();
        List<Long> removed = new ArrayList<>();
        for (int i = 0; i < rows; i += 3) {
            assertEquals(i, store.markRemoved(order.get(i)));
            removed.add(order.get(i));
        }
        assertEquals(-1, store.markRemoved(order.get(0)));
        assertEquals(rows, store.rows());
        assertEquals(rows - removed.size(), store.size());
        assertEquals(removed.size(), store.deadCount());
        assertFalse(store.isLive(0));
        assertTrue(store.isLive(1));
        assertEquals(order.get(0), store.id(0), "a dead row keeps its id");
        assertEquals(-1, store.rowOf(order.get(0)));

        int[] remap = store.compact();
        List<Long> live = new ArrayList<>(order);
        live.removeAll(removed);
        assertEquals(live.size(), store.rows());
        assertEquals(0, store.deadCount());
        float[] row = new float[5];
        for (int old = 0; old < rows; old++) {
            if (old % 3 == 0) {
                assertEquals(-1, remap[old]);
            } else {
                int now = remap[old];
                assertEquals(live.indexOf(order.get(old)), now, "live rows keep their order");
                assertEquals(now, store.rowOf(order.get(old)));
                store.copyRow(now, row, 2);
                assertArrayEquals(vectorOf(order.get(old)), java.util.Arrays.copyOfRange(row, 2, 5));
            }
        }
        assertNull(store.compact(), "nothing dead: no renumbering");
    }

    @Test
    void movingTheLastRowKeepsEveryIdOnItsVector() {
        VectorStore store = new VectorStore(3, 16);
        Map<Long, float[]> expected = new HashMap<>();
        List<Long> byRow = new ArrayList<>();
        Random random = new Random(3);
        for (int step = 0; step < 5000; step++) {
            if (byRow.isEmpty() || random.nextInt(3) > 0) {
                long id = random.nextLong() % 10_000;
                if (!expected.containsKey(id)) {
                    store.append(id, vectorOf(id), 0);
                    expected.put(id, vectorOf(id));
                    byRow.add(id);
                }
            } else {
                long id = byRow.get(random.nextInt(byRow.size()));
                int freed = store.removeMovingLast(id);
                int at = byRow.indexOf(id);
                assertEquals(at, freed);
                byRow.set(at, byRow.get(byRow.size() - 1));
                byRow.remove(byRow.size() - 1);
                expected.remove(id);
            }
        }
        assertEquals(-1, store.removeMovingLast(Long.MAX_VALUE));
        assertEquals(expected.size(), store.size());
        assertEquals(byRow.size(), store.rows());
        float[] row = new float[3];
        for (int r = 0; r < byRow.size(); r++) {
            assertEquals(byRow.get(r), store.id(r));
            store.copyRow(r, row, 0);
            assertArrayEquals(expected.get(byRow.get(r)), row);
        }
    }

    @Test
    void refusesRepeatedIdsAndBadShapes() {
        VectorStore store = new VectorStore(2);
        store.append(7, new float[] {1, 2}, 0);
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> store.append(7, new float[2], 0));
        assertTrue(repeated.getMessage().contains("id 7"), repeated.getMessage());
        store.markRemoved(7);
        assertThrows(IllegalStateException.class, () -> store.removeMovingLast(7));
        assertThrows(IllegalArgumentException.class, () -> new VectorStore(0));
        assertThrows(IllegalArgumentException.class, () -> new VectorStore(4, 12));
    }
}
