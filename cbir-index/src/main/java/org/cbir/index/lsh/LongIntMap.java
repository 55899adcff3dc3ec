package org.cbir.index.lsh;

import java.util.Arrays;

/**
 * A map from {@code long} ids to non-negative {@code int} rows without boxing: open addressing
 * with linear probing and backward-shift deletion, at most 3/4 full, so about 16 to 24 bytes per
 * entry instead of the ~60 of a {@code HashMap<Long, Integer>}. Not thread-safe (the index
 * guards it with its lock).
 */
final class LongIntMap {
    private static final int ABSENT = -1;

    private long[] keys;
    private int[] values;
    private int size;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected + expected / 3) - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, ABSENT);
    }

    int size() {
        return size;
    }

    /** The row of {@code key}, or -1. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
            if (values[slot] == ABSENT) {
                return ABSENT;
            }
            if (keys[slot] == key) {
                return values[slot];
            }
        }
    }

    /** Maps {@code key} to {@code value >= 0}, replacing any previous value. */
    void put(long key, int value) {
        if ((size + 1) * 4L > keys.length * 3L) {
            grow();
        }
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        while (values[slot] != ABSENT) {
            if (keys[slot] == key) {
                values[slot] = value;
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        size++;
    }

    /** Removes {@code key}; returns its row, or -1 if absent. */
    int remove(long key) {
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        while (values[slot] != ABSENT && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        int removed = values[slot];
        if (removed == ABSENT) {
            return ABSENT;
        }
        // backward shift: move later entries of the probe run into the gap where they belong
        int gap = slot;
        for (int next = (gap + 1) & mask; values[next] != ABSENT; next = (next + 1) & mask) {
            int home = slot(keys[next], mask);
            if (((next - home) & mask) >= ((next - gap) & mask)) {
                keys[gap] = keys[next];
                values[gap] = values[next];
                gap = next;
            }
        }
        values[gap] = ABSENT;
        size--;
        return removed;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(values, ABSENT);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != ABSENT) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing, then fold the high bits down
        return (int) (h ^ (h >>> 32) ^ (h >>> 17)) & mask;
    }
}
