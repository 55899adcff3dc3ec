package org.cbir.core.search;

import java.util.Arrays;

/**
 * The id of every row of a store and the way back from an id to its row, without boxing: ids
 * in a {@code long[]} by row, and an open-addressing hash table (linear probing, load at most
 * 3/4) whose slots hold only {@code row + 1} (0 marks an empty slot), the key being read from
 * the id array. That costs 8 bytes per row for the id (up to 12 while the array has spare room)
 * plus 4 per slot at a load of 3/8 to 3/4 (5 to 11 bytes per row): about 18 bytes per row on
 * average, where a {@code HashMap<Long, Integer>} costs about 80.
 *
 * <p>A row can leave the table while its id stays in the array (a dead row of a read-only
 * mapped store). Not thread-safe: the owning index guards it with its lock.
 */
final class IdRows {
    private static final int MIN_SLOTS = 16;

    private long[] ids;
    private int rows;
    private int[] slots;
    private int entries;

    IdRows(int expectedRows) {
        ids = new long[Math.max(expectedRows, 8)];
        slots = new int[slotsFor(expectedRows)];
    }

    /** Rows in the id array, live or not. */
    int rows() {
        return rows;
    }

    /** The id of {@code row}. */
    long id(int row) {
        return ids[row];
    }

    /** The row of {@code id}, or -1 when the id is not in the table. */
    int rowOf(long id) {
        int mask = slots.length - 1;
        for (int slot = hash(id) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if (ids[entry - 1] == id) {
                return entry - 1;
            }
        }
    }

    /** Appends a row for {@code id}, which must not be in the table, and returns its number. */
    int append(long id) {
        if (rows == ids.length) {
            ids = Arrays.copyOf(ids, Math.max(8, rows + (rows >> 1)));
        }
        ids[rows] = id;
        if (entries + 1 > slots.length - (slots.length >> 2)) {
            rehash(slots.length * 2);
        }
        insert(id, rows);
        entries++;
        return rows++;
    }

    /** Takes {@code id} out of the table (its row keeps the id); returns its row or -1. */
    int unlink(long id) {
        int mask = slots.length - 1;
        int slot = hash(id) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if (ids[entry - 1] == id) {
                break;
            }
            slot = (slot + 1) & mask;
        }
        int row = slots[slot] - 1;
        // backward-shift deletion: pull later entries of the cluster into the gap
        int gap = slot;
        for (int next = (gap + 1) & mask; slots[next] != 0; next = (next + 1) & mask) {
            int home = hash(ids[slots[next] - 1]) & mask;
            boolean movable = gap <= next ? home <= gap || home > next : home <= gap && home > next;
            if (movable) {
                slots[gap] = slots[next];
                gap = next;
            }
        }
        slots[gap] = 0;
        entries--;
        return row;
    }

    /** Moves the last row to {@code row}, whose id must already be unlinked, and drops the last row. */
    void moveLastTo(int row) {
        int last = rows - 1;
        if (row != last) {
            long moved = ids[last];
            int mask = slots.length - 1;
            int slot = hash(moved) & mask;
            while (slots[slot] != last + 1) {
                slot = (slot + 1) & mask;
            }
            ids[row] = moved;
            slots[slot] = row + 1;
        }
        rows = last;
    }

    /** Bytes held by the arrays, for tests of the memory budget. */
    long bytes() {
        return 8L * ids.length + 4L * slots.length;
    }

    private void insert(long id, int row) {
        int mask = slots.length - 1;
        int slot = hash(id) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = row + 1;
    }

    private void rehash(int size) {
        int[] old = slots;
        slots = new int[size];
        for (int entry : old) {
            if (entry != 0) {
                insert(ids[entry - 1], entry - 1);
            }
        }
    }

    private static int slotsFor(int rows) {
        long wanted = Math.max(MIN_SLOTS, (long) Math.ceil(rows / 0.75));
        return (int) Math.min(1L << 30, Long.highestOneBit(wanted - 1) << 1);
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: every id bit affects the low bits. */
    private static int hash(long id) {
        long h = (id ^ (id >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return (int) (h ^ (h >>> 31));
    }
}
