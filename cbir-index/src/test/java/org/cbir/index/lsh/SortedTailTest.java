package org.cbir.index.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SortedTail} against a list sorted by a stable sort: batches of pending entries merge into the same order. */
class SortedTailTest {
    private record Entry(long hash, int row) {
    }

    @Test
    void insertionsKeepTheSortedRunInStableHashOrder() {
        SortedTail tail = new SortedTail();
        List<Entry> expected = new ArrayList<>();
        Random random = new Random(11);
        for (int row = 0; row < SortedTail.PENDING * 5 + 17; row++) {
            long hash = (random.nextInt(300) - 150L) << 40; // negative values: unsigned order puts them last
            tail.insert(hash, row);
            expected.add(new Entry(hash, row));
        }
        assertEquals(17, tail.pending());
        assertEquals(SortedTail.PENDING * 5, tail.size());
        tail.sortPending();
        assertEquals(0, tail.pending());
        expected.sort(Comparator.comparing(Entry::hash, Long::compareUnsigned)); // stable: rows ascend within a hash
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), new Entry(tail.hash(i), tail.row(i)), "entry " + i);
        }
        long probe = expected.get(100).hash();
        assertEquals(expected.indexOf(expected.stream().filter(e -> e.hash() == probe).findFirst().orElseThrow()),
                tail.lowerBound(probe));
        tail.clear();
        assertEquals(0, tail.total());
    }
}
