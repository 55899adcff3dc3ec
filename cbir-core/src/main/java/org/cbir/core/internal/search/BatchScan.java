package org.cbir.core.internal.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.internal.index.ParallelRanges;
import org.cbir.core.internal.math.RowTiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One brute-force pass of a batch of queries over a {@link RowStore}: the blocks of the store
 * are split into contiguous ranges scanned in parallel (when the work is large enough to repay the
 * forking) on the fork-join pool the caller runs in, which is how a
 * {@link org.cbir.core.RetrievalPipeline} bounds a search to its threads, or else on the common
 * pool; within a range, each block is cut into spans of at
 * most {@value #SPAN_ROWS} rows, and each span, while it is in cache, is scored by
 * {@link RowTiles} kernels for every query of the batch (up to eight queries per pass over a
 * tile), so that a batch reads the store from memory once. A tight loop then compares the span's
 * scores with each query's current bound ({@link ScanCandidates#bound()}): only the few
 * rows that may still belong to the k best reach the query's {@link ScanCandidates}. (A batch
 * whose candidates would exceed {@link #CANDIDATE_BUDGET} is split into several passes.) The
 * candidates of all ranges are merged and re-scored with {@link Similarity#distance}, so the
 * distances returned are exactly the similarity's, and the ranking is the exact one (see
 * {@link RowScorer} for why the float scores cannot lose a true neighbour).
 *
 * <p>A large k (see {@link #ranks}: the whole collection, as an evaluation ranks it, or tens of
 * thousands of rows) goes to {@link RankingScan} instead, one query at a time: the heaps' cost
 * grows with {@code log k} per kept row and their candidates' re-sort with {@code k log k}
 * comparisons of objects, while the ranking's selection and radix sort on primitive arrays stay
 * linear. Both give the same list.
 *
 * <p>Stateless; the caller holds the store's read lock for the whole call.
 */
final class BatchScan {
    private static final Logger LOG = LoggerFactory.getLogger(BatchScan.class);
    /** Rows x (dimension + 16) x queries below which a scan stays on the calling thread. */
    static final long PARALLEL_WORK = 1L << 18;
    /**
     * Heap entries (12 bytes each) that the candidates of one pass may hold: a large batch with a
     * large k is split into passes so that memory stays near 50 MB.
     */
    static final long CANDIDATE_BUDGET = 1L << 22;
    /** Rows scored at once per query: the scores of a batch of 32 stay in the L1/L2 cache. */
    static final int SPAN_ROWS = 512;

    /**
     * The scan {@link #search} uses for a large k: {@code auto} (the default) as {@link #ranks}
     * says, {@code ranking} or {@code heap} always (system property {@value #RANKING_PROPERTY},
     * read once; for benchmarks that compare the two, the results are the same).
     */
    static final String RANKING_PROPERTY = "cbir.exact.ranking";
    /** {@link #RANKING_PROPERTY}'s value: null for auto, else whether to always rank. */
    private static final Boolean RANKING = rankingChoice(System.getProperty(RANKING_PROPERTY));
    /** k at or above this share of the size (1 / {@value}) is served by {@link RankingScan}. */
    static final int RANKING_SHARE = 32;
    /** ... and k at or above this count. */
    static final int RANKING_MIN_K = 2_048;

    private BatchScan() {
    }

    /**
     * Whether {@code k} of {@code size} rows are found by {@link RankingScan} (a selection and a
     * radix sort over all rows) rather than the bounded heaps of {@link BlockScan}: always when k
     * covers every row (the ranking then skips the float scores and the selection), else when k
     * is at least 1/{@value #RANKING_SHARE} of the size and at least {@value #RANKING_MIN_K}.
     * Measured at 1M x 16 (BENCHMARKS.md, "Whole-collection ranking"): the heaps cost less CPU
     * at k = 10 (14 against 56 ms per query) and about the same at k = 10,000, the ranking less
     * from k = 31,250 = n/32 on (41 against 64 ms) and ever more with k (87 against 333 ms at k = n).
     */
    static boolean ranks(int k, int size) {
        if (RANKING != null) {
            return RANKING;
        }
        return k >= size || k >= RANKING_MIN_K && (long) k * RANKING_SHARE >= size;
    }

    /** The choice a value of {@link #RANKING_PROPERTY} names: null for auto (also for a bad value, logged). */
    static Boolean rankingChoice(String value) {
        if (value == null || value.isBlank() || value.equals("auto")) {
            return null;
        }
        return switch (value) {
            case "ranking" -> Boolean.TRUE;
            case "heap" -> Boolean.FALSE;
            default -> {
                LOG.warn("ignoring system property {}={}: it must be auto, ranking or heap; using auto",
                        RANKING_PROPERTY, value);
                yield null;
            }
        };
    }

    /**
     * The k nearest rows to each query, closest first.
     *
     * @param parallel whether the scan may fork (false: the calling thread only); forks go to the
     *     caller's fork-join pool, or to the common pool when the caller is not in one
     * @param tiles the kernels that score the rows
     * @param accepts the ids a result may have (the scan skips the others), or null for all
     */
    static List<List<Neighbor>> search(RowStore store, Similarity similarity, List<float[]> queries, int k,
            boolean parallel, RowTiles tiles, LongPredicate accepts) {
        int kept = Math.min(k, Math.max(1, store.size())); // heaps never larger than the store
        int blocks = store.blocks();
        long rowWork = (long) store.rows() * (store.dimension() + 16);
        int threads = ParallelRanges.threads();
        int tasks = !parallel || threads < 2 || rowWork * queries.size() < PARALLEL_WORK || blocks < 2
                ? 1 : Math.min(blocks, 4 * threads);
        List<List<Neighbor>> results = new ArrayList<>(queries.size());
        if (ranks(kept, store.size())) {
            int queryTasks = rowWork < PARALLEL_WORK ? 1 : tasks;
            for (float[] query : queries) {
                results.add(RankingScan.search(store, similarity, query, kept, queryTasks, tiles, accepts));
            }
            return results;
        }
        int group = (int) Math.max(1, Math.min(queries.size(), CANDIDATE_BUDGET / ((long) kept * tasks)));
        for (int first = 0; first < queries.size(); first += group) {
            List<float[]> batch = queries.subList(first, Math.min(queries.size(), first + group));
            int batchTasks = rowWork * batch.size() < PARALLEL_WORK ? 1 : tasks;
            results.addAll(searchBatch(store, similarity, batch, kept, batchTasks, tiles, accepts));
        }
        return results;
    }

    private static List<List<Neighbor>> searchBatch(RowStore store, Similarity similarity, List<float[]> queries,
            int k, int tasks, RowTiles tiles, LongPredicate accepts) {
        int count = queries.size();
        RowScorer[] scorers = new RowScorer[count];
        for (int q = 0; q < count; q++) {
            scorers[q] = RowScorer.of(similarity, store, queries.get(q));
        }
        int blocks = store.blocks();
        ScanCandidates[][] found = new ScanCandidates[tasks][];
        scanInParallel(store, scorers, k, tiles, accepts, found);
        List<List<Neighbor>> results = new ArrayList<>(count);
        float[] row = new float[store.dimension()];
        for (int q = 0; q < count; q++) {
            ScanCandidates.Collected collected = new ScanCandidates.Collected();
            for (ScanCandidates[] task : found) {
                task[q].drainTo(collected);
            }
            results.add(rescore(store, similarity, queries.get(q), collected.within(k, scorers[q]), k, row));
        }
        return results;
    }

    /** Scans {@code found.length} ranges of blocks in parallel (see {@link ParallelRanges#run}). */
    private static void scanInParallel(RowStore store, RowScorer[] scorers, int k, RowTiles tiles,
            LongPredicate accepts, ScanCandidates[][] found) {
        ParallelRanges.run(found.length, store.blocks(), (task, from, to) ->
                found[task] = new BlockScan(store, scorers, k, tiles, accepts).scan(from, to));
    }

    private static List<Neighbor> rescore(RowStore store, Similarity similarity, float[] query, int[] rows, int k,
            float[] row) {
        long[] keys = new long[rows.length];
        long[] ids = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            store.copyRow(rows[i], row);
            keys[i] = NeighborSort.key(similarity.distance(query, row));
            ids[i] = store.id(rows[i]);
        }
        NeighborSort.sort(keys, ids, rows.length);
        return NeighborSort.neighbors(keys, ids, rows.length, k);
    }
}
