package org.cbir.index.lsh;

import java.util.Arrays;

/**
 * The distinct candidate rows of one query, in the order they were first added: an int list and
 * an open-addressing int set beside it, so that a query that gathers many candidates boxes
 * nothing. Not thread-safe (one per query).
 */
final class RowSet {
    private static final int EMPTY = -1;

    private int[] order = new int[64];
    private int[] table = filled(128);
    private int size;

    /** Adds {@code row >= 0}; returns whether it was new. */
    boolean add(int row) {
        int mask = table.length - 1;
        int slot = mix(row) & mask;
        while (table[slot] != EMPTY) {
            if (table[slot] == row) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = row;
        if (size == order.length) {
            order = Arrays.copyOf(order, size * 2);
        }
        order[size++] = row;
        if (size * 2 > table.length) {
            rehash();
        }
        return true;
    }

    int size() {
        return size;
    }

    /** The {@code i}-th distinct row added. */
    int get(int i) {
        return order[i];
    }

    private void rehash() {
        table = filled(table.length * 2);
        int mask = table.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = mix(order[i]) & mask;
            while (table[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            table[slot] = order[i];
        }
    }

    private static int[] filled(int length) {
        int[] t = new int[length];
        Arrays.fill(t, EMPTY);
        return t;
    }

    private static int mix(int row) {
        int h = row * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
