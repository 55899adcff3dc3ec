package org.cbir.index.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LongIntMap} against {@link HashMap} under random puts and removals (growth and backward shifts). */
class LongIntMapTest {

    @Test
    void behavesLikeAHashMap() {
        Random random = new Random(11);
        LongIntMap map = new LongIntMap(4);
        Map<Long, Integer> reference = new HashMap<>();
        for (int op = 0; op < 200_000; op++) {
            long key = random.nextInt(5_000) * 0x10000L - 7; // clustered keys, many collisions
            if (random.nextInt(3) == 0) {
                Integer expected = reference.remove(key);
                assertEquals(expected == null ? -1 : expected, map.remove(key));
            } else {
                int value = random.nextInt(1_000_000);
                reference.put(key, value);
                map.put(key, value);
            }
            if (op % 1_000 == 0) {
                assertEquals(reference.size(), map.size());
            }
        }
        for (long k = -7; k < 5_000 * 0x10000L; k += 0x10000L) {
            Integer expected = reference.get(k);
            assertEquals(expected == null ? -1 : expected, map.get(k));
        }
    }
}
