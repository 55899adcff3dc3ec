package org.cbir.core.internal.index;

import java.util.Arrays;

/**
 * The id of every row of a store and the way back from an id to its row, without boxing: ids
 * by row in chunks of {@value #CHUNK_IDS} longs (no array is ever copied to grow, and at most
 * one chunk has spare room), and an open-addressing hash table (linear probing) whose slots hold
 * only {@code row + 1} (0 marks an empty slot; pages of 256 KiB, so the collector never sees a
 * huge array), the key being read from the id chunks. The table
 * has any size, not only powers of two (a slot is chosen by multiplying the hash by the size,
 * Lemire's "fastrange"), grows by half when it is 4/5 full and so stays between 8/15 and 4/5
 * full: 5 to 7.5 bytes per row. With the 8 bytes of the id that is 13 to 15.5 bytes per row,
 * where a {@code HashMap<Long, Integer>} costs about 80.
 *
 * <p>A row can leave the table while its id stays in the chunks (a dead row of a read-only
 * mapped store, a removed node of a graph). The id map of every index of cbir: of
 * {@link VectorStore} (the LSH Forest, the graph's ordinals, the int8 scan) and of the exact
 * scan's tiled store; an index of another module uses it the same way. Not thread-safe: the
 * owning index guards it with its lock.
 */
public final class IdRows {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK_IDS = 1 << CHUNK_BITS;
    private static final int MIN_SLOTS = 16;
    private static final double MAX_LOAD = 0.8;
    private static final int PAGE_BITS = 16;
    private static final int PAGE_SLOTS = 1 << PAGE_BITS;

    private long[][] chunks = new long[0][];
    private int rows;
    /** The hash table, in pages of {@value #PAGE_SLOTS} slots (no huge array for the collector). */
    private int[][] pages;
    private int slots;
    private int entries;

    /** An empty table sized for {@code expectedRows} rows (it grows beyond as needed). */
    public IdRows(int expectedRows) {
        allocate(slotsFor(expectedRows));
    }

    /**
     * The table of {@code ids}, row {@code r} under {@code ids[r]} (the ids of a mapped file's rows).
     *
     * @throws IllegalArgumentException naming the first id that appears twice
     */
    public static IdRows of(long[] ids) {
        IdRows rows = new IdRows(Math.max(16, ids.length));
        for (long id : ids) {
            if (rows.rowOf(id) >= 0) {
                throw new IllegalArgumentException("id " + id + " appears twice");
            }
            rows.append(id);
        }
        return rows;
    }

    /** Rows in the id chunks, live or not. */
    public int rows() {
        return rows;
    }

    /** Ids in the table: the rows not unlinked. */
    public int liveCount() {
        return entries;
    }

    /** The id of {@code row}. */
    public long id(int row) {
        return chunks[row >>> CHUNK_BITS][row & (CHUNK_IDS - 1)];
    }

    /** The row of {@code id}, or -1 when the id is not in the table. */
    public int rowOf(long id) {
        int slot = home(id, slots);
        while (true) {
            int entry = slot(slot);
            if (entry == 0) {
                return -1;
            }
            if (id(entry - 1) == id) {
                return entry - 1;
            }
            slot = next(slot);
        }
    }

    /** Appends a row for {@code id}, which must not be in the table, and returns its number. */
    public int append(long id) {
        int chunk = rows >>> CHUNK_BITS;
        int inChunk = rows & (CHUNK_IDS - 1);
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunk + 1);
            chunks[chunk] = new long[chunk == 0 ? 8 : CHUNK_IDS];
        } else if (inChunk == chunks[chunk].length) {
            chunks[chunk] = Arrays.copyOf(chunks[chunk], Math.min(CHUNK_IDS, 2 * inChunk));
        }
        chunks[chunk][inChunk] = id;
        if (entries + 1 > slots * MAX_LOAD) {
            rehash(slots + (slots >> 1));
        }
        insert(id, rows);
        entries++;
        return rows++;
    }

    /** Takes {@code id} out of the table (its row keeps the id); returns its row or -1. */
    public int unlink(long id) {
        int slot = home(id, slots);
        while (true) {
            int entry = slot(slot);
            if (entry == 0) {
                return -1;
            }
            if (id(entry - 1) == id) {
                break;
            }
            slot = next(slot);
        }
        int row = slot(slot) - 1;
        // backward-shift deletion: pull later entries of the cluster into the gap
        int gap = slot;
        for (int next = next(gap); slot(next) != 0; next = next(next)) {
            int home = home(id(slot(next) - 1), slots);
            boolean movable = gap <= next ? home <= gap || home > next : home <= gap && home > next;
            if (movable) {
                setSlot(gap, slot(next));
                gap = next;
            }
        }
        setSlot(gap, 0);
        entries--;
        return row;
    }

    /** Moves the last row to {@code row}, whose id must already be unlinked, and drops the last row. */
    public void moveLastTo(int row) {
        int last = rows - 1;
        if (row != last) {
            long moved = id(last);
            int slot = home(moved, slots);
            while (slot(slot) != last + 1) {
                slot = next(slot);
            }
            chunks[row >>> CHUNK_BITS][row & (CHUNK_IDS - 1)] = moved;
            setSlot(slot, row + 1);
        }
        rows = last;
        int chunksInUse = (rows + CHUNK_IDS - 1) >>> CHUNK_BITS;
        if (chunksInUse < chunks.length - 1) {
            chunks = Arrays.copyOf(chunks, chunksInUse + 1); // keep one spare chunk
        }
    }

    /** Bytes held by the arrays (not counting array headers), for tests of the memory budget. */
    public long bytes() {
        long bytes = 0;
        for (int[] page : pages) {
            bytes += 4L * page.length;
        }
        for (long[] chunk : chunks) {
            bytes += 8L * chunk.length;
        }
        return bytes;
    }

    private void insert(long id, int row) {
        int slot = home(id, slots);
        while (slot(slot) != 0) {
            slot = next(slot);
        }
        setSlot(slot, row + 1);
    }

    private int slot(int slot) {
        return pages[slot >>> PAGE_BITS][slot & (PAGE_SLOTS - 1)];
    }

    private void setSlot(int slot, int value) {
        pages[slot >>> PAGE_BITS][slot & (PAGE_SLOTS - 1)] = value;
    }

    private int next(int slot) {
        return slot + 1 == slots ? 0 : slot + 1;
    }

    private void allocate(int size) {
        slots = size;
        pages = new int[(size + PAGE_SLOTS - 1) >>> PAGE_BITS][];
        for (int p = 0; p < pages.length; p++) {
            pages[p] = new int[Math.min(PAGE_SLOTS, size - p * PAGE_SLOTS)];
        }
    }

    private void rehash(int size) {
        int[][] old = pages;
        allocate(size);
        for (int[] page : old) {
            for (int entry : page) {
                if (entry != 0) {
                    insert(id(entry - 1), entry - 1);
                }
            }
        }
    }

    private static int slotsFor(int rows) {
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(MIN_SLOTS, (long) Math.ceil(rows / 0.7)));
    }

    /** The home slot of {@code id} in a table of {@code size} slots: the hash scaled to the size. */
    private static int home(long id, int size) {
        return (int) (((hash(id) & 0xffffffffL) * size) >>> 32);
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: every id bit affects the high bits. */
    private static int hash(long id) {
        long h = (id ^ (id >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return (int) (h ^ (h >>> 31));
    }
}
