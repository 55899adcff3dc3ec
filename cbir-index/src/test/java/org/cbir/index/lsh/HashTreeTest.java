package org.cbir.index.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A hand-worked 4-bit tree: which rows the descent reports at each depth, from the sorted part and the tail. */
class HashTreeTest {
    private static long h(String bits) {
        return Long.parseUnsignedLong(bits, 2) << (64 - bits.length());
    }

    @Test
    void descentReportsEachRowOnceAtTheDepthOfItsCommonPrefix() {
        HashTree tree = new HashTree(4);
        tree.append(h("1011"), 0);
        tree.append(h("0000"), 1);
        tree.append(h("1000"), 2);
        tree.rebuild(new BitSet(), null); // rows 0..2 sorted: 0000, 1000, 1011
        tree.append(h("1010"), 3);        // row 3 stays in the tail
        tree.append(h("0111"), 4);
        HashTree.Descent descent = tree.descent(h("1010"));
        assertEquals(4, descent.longestMatch()); // row 3 matches all 4 bits
        assertEquals(List.of(3), visit(descent, 4));
        assertEquals(List.of(0), visit(descent, 3)); // 101x
        assertEquals(List.of(2), visit(descent, 2)); // 10xx
        assertEquals(List.of(), visit(descent, 1));  // 1xxx adds nothing new
        assertEquals(List.of(1, 4), visit(descent, 0));
    }

    @Test
    void rebuildDropsDeadRowsAndRenumbers() {
        HashTree tree = new HashTree(4);
        tree.append(h("0001"), 0);
        tree.append(h("0010"), 1);
        tree.append(h("0011"), 2);
        BitSet dead = new BitSet();
        dead.set(1);
        tree.rebuild(dead, new int[] {0, -1, 1});
        assertEquals(2, tree.sortedSize());
        assertEquals(List.of(1), visit(tree.descent(h("0011")), 4));
    }

    @Test
    void largeTreeOfLongHashesFindsTheSameRowsAsANaiveScanAfterTwoMerges() {
        int bits = 40;
        int size = SortedEntries.BUCKETED_MIN_SIZE + 5_000; // the bucketed packing
        Random random = new Random(3);
        long[] hashes = new long[size];
        HashTree tree = new HashTree(bits);
        for (int row = 0; row < size; row++) {
            hashes[row] = random.nextLong() & (-1L << (64 - bits)) & 0x00FF_FFFF_FFFF_FFFFL; // few leading buckets
            tree.append(hashes[row], row);
        }
        tree.rebuild(new BitSet(), null);
        BitSet dead = new BitSet();
        int[] remap = new int[size + 1]; // the store renumbers every row, the buffered one too
        int live = 0;
        for (int row = 0; row < size; row++) {
            if (row % 7 == 0) {
                dead.set(row);
                remap[row] = -1;
            } else {
                remap[row] = live++;
            }
        }
        remap[size] = live;
        tree.append(hashes[1], size); // in the delta buffer until the merge, beside its twin
        tree.rebuild(dead, remap);
        assertEquals(live + 1, tree.sortedSize());
        for (int q = 0; q < 8; q++) {
            long query = hashes[random.nextInt(size)] ^ (1L << (64 - bits + random.nextInt(bits)));
            HashTree.Descent descent = tree.descent(query);
            List<Integer> seen = new ArrayList<>();
            for (int depth = bits; depth >= bits - 24; depth--) {
                seen.addAll(visit(descent, depth));
                List<Integer> expected = new ArrayList<>();
                for (int row = 0; row < size; row++) {
                    if (!dead.get(row) && Long.numberOfLeadingZeros(hashes[row] ^ query) >= depth) {
                        expected.add(remap[row]);
                    }
                }
                if (Long.numberOfLeadingZeros(hashes[1] ^ query) >= depth) {
                    expected.add(live);
                }
                seen.sort(null);
                expected.sort(null);
                assertEquals(expected, seen, "rows matching " + depth + " bits");
            }
        }
    }

    private static List<Integer> visit(HashTree.Descent descent, int depth) {
        List<Integer> rows = new ArrayList<>();
        descent.visit(depth, rows::add);
        rows.sort(null);
        return rows;
    }
}
