package org.cbir.index.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link VectorStore}'s two ways of finding rows by id (binary search, map), checked against a HashMap. */
class VectorStoreTest {
    @Test
    void increasingIdsNeedNoMapAndSurviveRemovalAndCompaction() {
        VectorStore store = new VectorStore(3);
        for (int i = 0; i < 70_000; i++) { // several id chunks
            store.append(10L * i - 5, new float[] {i, 0, 0}, 0);
        }
        assertTrue(store.idsInOrder());
        assertEquals(12_345, store.rowOf(123_445));
        assertEquals(-1, store.rowOf(123_446));
        assertTrue(store.remove(-5));
        assertFalse(store.remove(-5));
        assertEquals(-1, store.rowOf(-5));
        assertThrows(IllegalArgumentException.class, () -> store.append(15, new float[3], 0));
        int[] remap = store.compact();
        assertEquals(-1, remap[0]);
        assertEquals(0, remap[1]);
        assertTrue(store.idsInOrder());
        assertEquals(69_999, store.size());
        float[] v = new float[3];
        store.read(store.rowOf(15), v, 0);
        assertArrayEquals(new float[] {2, 0, 0}, v);
    }

    @Test
    void idsOutOfOrderSwitchToTheMapAndBackAfterCompaction() {
        VectorStore store = new VectorStore(2);
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(5);
        for (int i = 0; i < 500; i++) {
            long id = i * 2L;
            store.append(id, new float[2], 0);
            expected.put(id, i);
        }
        store.remove(998);
        expected.remove(998L);
        store.append(998, new float[2], 0); // a removed id again: not above the last row's id
        expected.put(998L, 500);
        assertFalse(store.idsInOrder());
        store.append(7, new float[2], 0);
        expected.put(7L, 501);
        for (int q = 0; q < 2000; q++) {
            long id = random.nextInt(1100);
            assertEquals(expected.getOrDefault(id, -1), store.rowOf(id), "row of " + id);
        }
        store.remove(7);
        store.compact(); // rows 0..499 (998 dead there) then 998: in order again
        assertTrue(store.idsInOrder());
        assertEquals(499, store.rowOf(998));
        assertEquals(500, store.size());
    }
}
