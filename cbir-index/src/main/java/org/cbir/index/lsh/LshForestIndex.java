package org.cbir.index.lsh;

import java.io.IOException;
import java.util.List;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.internal.index.ExactRerank;
import org.cbir.core.internal.index.GuardedIndex;
import org.cbir.core.internal.index.VectorStore;
import org.cbir.core.internal.index.VectorView;
import org.cbir.core.io.StoreDirectory;

/**
 * An LSH Forest index (see {@link LshForest} for the algorithm and its parameters).
 *
 * <p><b>Updates without rebuilding.</b> {@link #add} appends the vector and puts its hashes in
 * each tree's small sorted delta buffer ({@code SortedTail}: batches of 256 merged into a sorted
 * run), which queries search beside the main sorted part; when a buffer holds more than
 * {@code max(1024, size / 64)} entries, or as many rows have been removed, the buffers are merged
 * into the main parts and removed rows are dropped (linear time, so each insertion costs
 * amortised O(trees) array moves). {@link #remove} only marks the row dead.
 *
 * <p><b>Memory</b> per vector: {@code 4 d} bytes for the vector, 13 to 15.5 for its id and its
 * slot in the id map (core's shared {@code VectorStore}), and per tree 8 bytes for hashes of up to
 * 32 bits, 12 for longer hashes in trees below 262,144 vectors, 10 above (see
 * {@code SortedEntries}): about {@code 4 d + 15 + 8 trees} at 32 bits; plus the hyperplanes,
 * {@code 4 d x hashBits x trees} bytes in all, and delta buffers of up to 1/64 of the rows (12
 * bytes an entry) between merges. All large arrays are chunked below G1's humongous-object size.
 * Measured heap per vector: see the "Approximate indexes" and "The foundation change" sections of
 * BENCHMARKS.md.
 *
 * <p>Thread-safe: searches share a read lock (hashing the query happens before it), additions,
 * removals and merges take the write lock ({@link GuardedIndex}).
 */
public final class LshForestIndex extends GuardedIndex {
    private static final int MIN_PENDING = 1024;

    private final LshForest parameters;
    private final Hyperplanes hyperplanes;
    private final VectorStore store;
    private final HashTree[] trees;

    LshForestIndex(LshForest parameters, int dimension, Similarity similarity, Hyperplanes hyperplanes) {
        this(parameters, dimension, similarity, hyperplanes, new VectorStore(dimension), emptyTrees(parameters));
    }

    LshForestIndex(LshForest parameters, int dimension, Similarity similarity, Hyperplanes hyperplanes,
            VectorStore store, HashTree[] trees) {
        super(dimension, similarity);
        this.parameters = parameters;
        this.hyperplanes = hyperplanes;
        this.store = store;
        this.trees = trees;
    }

    private static HashTree[] emptyTrees(LshForest parameters) {
        HashTree[] trees = new HashTree[parameters.trees()];
        for (int t = 0; t < trees.length; t++) {
            trees[t] = new HashTree(parameters.hashBits());
        }
        return trees;
    }

    @Override
    public ComponentSpec spec() {
        return parameters.spec();
    }

    @Override
    protected VectorView view() {
        return store;
    }

    @Override
    protected void insert(long id, float[] vector) {
        long[] hashes = hyperplanes.hashes(vector);
        int row = store.append(id, vector, 0);
        for (int t = 0; t < trees.length; t++) {
            trees[t].append(hashes[t], row);
        }
        mergeIfDue();
    }

    @Override
    protected boolean delete(long id) {
        if (store.markRemoved(id) < 0) {
            return false;
        }
        mergeIfDue();
        return true;
    }

    /**
     * The approximate k nearest neighbours: the candidates of Bawa et al.'s synchronous descent
     * over all trees, ranked exactly. Starting at the longest prefix any tree shares with the query,
     * each step takes, from every tree, the vectors that share the current prefix, and the descent
     * stops after the first depth where it holds {@code trees x candidates} distinct vectors, or at
     * depth {@code minHashMatch}; where that leaves fewer than {@code k}, it goes on to shorter
     * prefixes until it has {@code k} (depth 0 matches everything), so the result has
     * {@code min(k, size())} neighbours. Recall against exact search is measured in
     * {@code LshForestRecallTest}.
     */
    @Override
    public List<Neighbor> search(float[] query, int k) {
        Index.requireK(k);
        Index.requireDimension(query, dimension(), "query");
        long[] hashes = hyperplanes.hashes(query);
        readLock().lock();
        try {
            if (store.size() == 0) {
                return List.of();
            }
            HashTree.Descent[] descents = new HashTree.Descent[trees.length];
            int depth = 0;
            for (int t = 0; t < trees.length; t++) {
                descents[t] = trees[t].descent(hashes[t]);
                depth = Math.max(depth, descents[t].longestMatch());
            }
            int budget = (int) Math.min((long) parameters.candidates() * trees.length, Integer.MAX_VALUE);
            int needed = Math.min(k, store.size());
            RowSet candidates = new RowSet();
            for (; depth >= 0; depth--) {
                for (HashTree.Descent descent : descents) {
                    descent.visit(depth, row -> {
                        if (store.isLive(row)) {
                            candidates.add(row);
                        }
                    });
                }
                int count = candidates.size();
                if (count >= budget && count >= needed || depth <= parameters.minHashMatch() && count >= needed) {
                    break;
                }
            }
            return rank(query, candidates, k);
        } finally {
            readLock().unlock();
        }
    }

    /** {@inheritDoc} The queries are spread over the worker threads (the caller's fork-join pool, or the common pool). */
    @Override
    public List<List<Neighbor>> searchAll(List<float[]> queries, int k) {
        Index.requireK(k);
        Index.requireDimensions(queries, dimension());
        return searchInParallel(queries, query -> search(query, k));
    }

    private List<Neighbor> rank(float[] query, RowSet candidates, int k) {
        return ExactRerank.closestRows(store, candidates::get, candidates.size(), similarity(), query, k);
    }

    /** Merges the tails and drops removed rows when enough changes have accumulated; write lock held. */
    private void mergeIfDue() {
        int threshold = Math.max(MIN_PENDING, store.size() / 64);
        if (trees[0].tailSize() > threshold || store.deadCount() > threshold) {
            merge();
        }
    }

    /** Merges every tail into its sorted array and drops removed rows; write lock held. */
    private void merge() {
        java.util.BitSet dead = store.deadRows();
        int[] remap = store.compact();
        for (HashTree tree : trees) {
            tree.rebuild(dead, remap);
        }
    }

    /**
     * Merges all pending changes, then writes one checksummed file, {@code lsh-forest.bin} (codec
     * {@code cbir.lsh-forest}, version 1): parameters, hyperplanes, ids, vectors and the sorted
     * trees. Searches may run during the write; changes wait for it.
     */
    @Override
    public void save(StoreDirectory directory) throws IOException {
        settleThenWrite(this::merge,
                () -> LshForestFiles.save(directory, parameters, dimension(), hyperplanes, store, trees));
    }
}
