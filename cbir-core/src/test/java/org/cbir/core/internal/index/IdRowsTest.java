package org.cbir.core.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The unboxed id table against a {@link HashMap} and a list doing the same swap-removes. */
class IdRowsTest {

    @Test
    void randomAppendsAndSwapRemovesMatchAHashMap() {
        Random random = new Random(7);
        IdRows table = new IdRows(0);
        List<Long> idsByRow = new ArrayList<>();
        Map<Long, Integer> rowsById = new HashMap<>();
        for (int step = 0; step < 60_000; step++) {
            // few distinct ids, clustered, so that probing chains and wrap-around are exercised
            long id = random.nextInt(3_000) * (random.nextBoolean() ? 1L : 1L << 40);
            Integer row = rowsById.get(id);
            if (row == null) {
                assertEquals(idsByRow.size(), table.append(id));
                rowsById.put(id, idsByRow.size());
                idsByRow.add(id);
            } else {
                assertEquals(row.intValue(), table.unlink(id));
                table.moveLastTo(row);
                long moved = idsByRow.remove(idsByRow.size() - 1);
                rowsById.remove(id);
                if (row < idsByRow.size()) {
                    idsByRow.set(row, moved);
                    rowsById.put(moved, row);
                }
            }
            if (step % 997 == 0) {
                assertSame(table, idsByRow, rowsById);
            }
        }
        assertSame(table, idsByRow, rowsById);
    }

    private static void assertSame(IdRows table, List<Long> idsByRow, Map<Long, Integer> rowsById) {
        assertEquals(idsByRow.size(), table.rows());
        for (int row = 0; row < idsByRow.size(); row++) {
            assertEquals(idsByRow.get(row).longValue(), table.id(row));
            assertEquals(row, table.rowOf(idsByRow.get(row)));
        }
        for (long absent = -5; absent < 0; absent++) {
            assertEquals(-1, table.rowOf(absent));
        }
        assertEquals(rowsById.size(), idsByRow.size());
    }

    @Test
    void memoryStaysUnderSixteenBytesPerRowOnceChunksAreFull() {
        IdRows table = new IdRows(0);
        for (int row = 0; row < 300_000; row++) {
            table.append(row * 31L);
            if (row >= 1_000 && row % 1_000 == 0) {
                // the first id chunk grows by doubling up to 4,096 ids: up to 16 bytes per id in it
                assertTrue(table.bytes() <= 24L * table.rows(), table.bytes() + " bytes for " + table.rows() + " rows");
            }
            if (row >= 100_000 && row % 1_000 == 0) {
                // 8 bytes per id (one chunk of 4,096 may have spare room) and 4 / (8/15) per slot
                assertTrue(table.bytes() <= 8L * (table.rows() + 4_096) + 7.5 * table.rows() + 4 * 16,
                        table.bytes() + " bytes for " + table.rows() + " rows");
            }
        }
    }

    @Test
    void aTableLoadedForManyRowsFindsThemAllAfterGrowth() {
        IdRows table = new IdRows(100);
        for (int row = 0; row < 70_000; row++) {
            assertEquals(row, table.append(-7L * row - 1));
        }
        for (int row = 0; row < 70_000; row += 7) {
            assertEquals(row, table.rowOf(-7L * row - 1));
        }
        assertEquals(-1, table.rowOf(0));
    }

    @Test
    void unlinkedIdsStayInTheArrayButLeaveTheTable() {
        IdRows table = new IdRows(4);
        table.append(10);
        table.append(20);
        assertEquals(0, table.unlink(10));
        assertEquals(-1, table.unlink(10));
        assertEquals(-1, table.rowOf(10));
        assertEquals(10, table.id(0));
        assertEquals(1, table.rowOf(20));
    }
}
