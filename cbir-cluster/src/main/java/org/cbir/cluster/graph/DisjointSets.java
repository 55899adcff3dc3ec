package org.cbir.cluster.graph;

/**
 * Union-find over the integers 0..n-1 with path halving and union by size (Tarjan 1975):
 * near-constant time per operation. Not thread-safe.
 */
public final class DisjointSets {
    private final int[] parent;
    private final int[] size;

    /** n singleton sets. */
    public DisjointSets(int n) {
        parent = new int[n];
        size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    /** The representative of the set holding {@code x}. */
    public int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** Merges the sets of {@code a} and {@code b}; returns the new representative. */
    public int union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return ra;
        }
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
        return ra;
    }

    /** The number of elements in the set holding {@code x}. */
    public int sizeOf(int x) {
        return size[find(x)];
    }
}
