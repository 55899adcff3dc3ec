package org.cbir.core.internal.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VectorStore}'s two ways of removing (marking dead then compacting; moving the last row),
 * checked against a {@link HashMap} of id to vector and a list of ids doing the same moves.
 */
class VectorStoreTest {
    @TempDir
    Path dir;

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

    /** Writes {@code count} rows (ids 100, 101, ...) in {@link VectorFiles}' contiguous layout and maps them. */
    private VectorStore mappedStore(int count, int rowsPerChunk) throws IOException {
        VectorStore saved = new VectorStore(3, 16);
        for (int i = 0; i < count; i++) {
            saved.append(100 + i, vectorOf(100 + i), 0);
        }
        saved.removeMovingLast(100); // a store with a moved row: the file holds rows in row order
        Path file = dir.resolve("rows-" + count + ".bin");
        ChecksummedFiles.write(file, "test-rows", 1, out -> {
            out.writeByte(7); // anything before the rows: the padding aligns the vectors
            VectorFiles.writeIdsAndContiguousVectors(out, saved);
        });
        VectorFiles.ContiguousRows rows = ChecksummedFiles.read(file, "test-rows", 1, 1, (in, version) -> {
            assertEquals(7, in.readByte());
            return VectorFiles.locateIdsAndContiguousVectors(in, saved.size(), 3);
        });
        assertEquals(0, rows.vectorsStart() % VectorFiles.ALIGNMENT, "the vectors start aligned");
        // the vectors are little-endian floats, row after row, from that offset
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < saved.size(); r++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(vectorOf(rows.ids()[r])[j], bytes.getFloat((int) rows.vectorsStart() + 4 * (3 * r + j)));
            }
        }
        return VectorStore.onMapped(MappedRows.map(file, rows.vectorsStart(), 3, saved.size(), 1), rows.ids(),
                rowsPerChunk);
    }

    @Test
    void aStoreOnAMappedFileKeepsEveryIdOnItsVectorAsRowsMoveIntoMappedOnes() throws IOException {
        VectorStore store = mappedStore(700, 16);
        assertEquals(699, store.mappedRows());
        Map<Long, float[]> expected = new HashMap<>();
        List<Long> byRow = new ArrayList<>();
        for (int r = 0; r < store.rows(); r++) {
            byRow.add(store.id(r));
            expected.put(store.id(r), vectorOf(store.id(r)));
        }
        Random random = new Random(5);
        for (int step = 0; step < 4000; step++) {
            // fewer additions than removals late on, so that the heap empties and mapped rows are the last ones
            boolean add = byRow.isEmpty() || random.nextInt(4) < (step < 2000 ? 2 : 1);
            if (add) {
                long id = random.nextInt(20_000);
                if (!expected.containsKey(id)) {
                    assertEquals(byRow.size(), store.append(id, vectorOf(id), 0));
                    expected.put(id, vectorOf(id));
                    byRow.add(id);
                }
            } else {
                long id = byRow.get(random.nextInt(byRow.size()));
                int at = byRow.indexOf(id);
                assertEquals(at, store.removeMovingLast(id));
                byRow.set(at, byRow.get(byRow.size() - 1));
                byRow.remove(byRow.size() - 1);
                expected.remove(id);
            }
        }
        assertTrue(store.mappedRows() < 699, "removals reached the mapped rows at the end");
        assertEquals(byRow.size(), store.rows());
        assertEquals(expected.size(), store.size());
        float[] row = new float[3];
        float[] query = {0.5f, 1, -2};
        for (int r = 0; r < byRow.size(); r++) {
            long id = byRow.get(r);
            assertEquals(id, store.id(r));
            assertEquals(r, store.rowOf(id));
            store.copyRow(r, row, 0);
            assertArrayEquals(expected.get(id), row, "row " + r);
            float[] v = expected.get(id);
            assertEquals(0.5f * v[0] + v[1] - 2 * v[2], store.dot(query, r), 1e-3f);
        }
    }

    @Test
    void aStoreOnAMappedFileRefusesMarkingRowsDeadAndRepeatedIds() throws IOException {
        VectorStore store = mappedStore(40, 16);
        IllegalStateException marked = assertThrows(IllegalStateException.class, () -> store.markRemoved(101));
        assertTrue(marked.getMessage().contains("mapped"), marked.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.append(101, vectorOf(101), 0));
        Path file = dir.resolve("twice.bin");
        ChecksummedFiles.write(file, "test-rows", 1, out -> out.write(new byte[24]));
        MappedRows two = MappedRows.map(file, ChecksummedFiles.headerLength("test-rows"), 3, 2, 1);
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> VectorStore.onMapped(two, new long[] {9, 9}, 16));
        assertTrue(repeated.getMessage().contains("id 9"), repeated.getMessage());
    }
}
