package org.cbir.index.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link RowSet} keeps first-insertion order and drops repeats, like a {@link LinkedHashSet}. */
class RowSetTest {

    @Test
    void behavesLikeALinkedHashSet() {
        Random random = new Random(8);
        RowSet set = new RowSet();
        Set<Integer> reference = new LinkedHashSet<>();
        for (int i = 0; i < 50_000; i++) {
            int row = random.nextInt(20_000);
            assertEquals(reference.add(row), set.add(row));
        }
        List<Integer> actual = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            actual.add(set.get(i));
        }
        assertEquals(new ArrayList<>(reference), actual);
    }
}
