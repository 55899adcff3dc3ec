package org.cbir.index.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
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

    private static List<Integer> visit(HashTree.Descent descent, int depth) {
        List<Integer> rows = new ArrayList<>();
        descent.visit(depth, rows::add);
        rows.sort(null);
        return rows;
    }
}
