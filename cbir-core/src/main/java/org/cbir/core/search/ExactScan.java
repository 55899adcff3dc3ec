package org.cbir.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;

/**
 * One brute-force pass of a batch of queries over a {@link RowStore}: the blocks of the store
 * are split into contiguous ranges scanned in parallel on the common fork-join pool (when the
 * work is large enough to repay the forking); within a range, each block is loaded once and
 * scanned by every query of the batch while it is in cache (a batch whose candidates would
 * exceed {@link #CANDIDATE_BUDGET} is split into several passes). Each query keeps its candidates in a
 * {@link ScanCandidates}; the candidates of all ranges are merged and re-scored with
 * {@link Similarity#distance}, so the distances returned are exactly the similarity's, and the
 * ranking is the exact one (see {@link RowScorer} for why the float scores cannot lose a true
 * neighbour).
 *
 * <p>Stateless; the caller holds the store's read lock for the whole call.
 */
final class ExactScan {
    /** Rows x (dimension + 16) x queries below which a scan stays on the calling thread. */
    static final long PARALLEL_WORK = 1L << 18;
    /**
     * Heap entries (12 bytes each) that the candidates of one pass may hold: a large batch with a
     * large k is split into passes so that memory stays near 50 MB.
     */
    static final long CANDIDATE_BUDGET = 1L << 22;

    private ExactScan() {
    }

    /**
     * The k nearest rows to each query, closest first.
     *
     * @param parallel whether the scan may use the common pool (false: the calling thread only)
     */
    static List<List<Neighbor>> search(RowStore store, Similarity similarity, List<float[]> queries, int k,
            boolean parallel) {
        int kept = Math.min(k, Math.max(1, store.size())); // heaps never larger than the store
        int blocks = store.blocks();
        long rowWork = (long) store.rows() * (store.dimension() + 16);
        int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
        int tasks = !parallel || rowWork * queries.size() < PARALLEL_WORK || blocks < 2
                ? 1 : Math.min(blocks, 4 * threads);
        int group = (int) Math.max(1, Math.min(queries.size(), CANDIDATE_BUDGET / ((long) kept * tasks)));
        List<List<Neighbor>> results = new ArrayList<>(queries.size());
        for (int first = 0; first < queries.size(); first += group) {
            List<float[]> batch = queries.subList(first, Math.min(queries.size(), first + group));
            int batchTasks = rowWork * batch.size() < PARALLEL_WORK ? 1 : tasks;
            results.addAll(searchBatch(store, similarity, batch, kept, batchTasks));
        }
        return results;
    }

    private static List<List<Neighbor>> searchBatch(RowStore store, Similarity similarity, List<float[]> queries,
            int k, int tasks) {
        int count = queries.size();
        RowScorer[] scorers = new RowScorer[count];
        for (int q = 0; q < count; q++) {
            scorers[q] = RowScorer.of(similarity, store, queries.get(q));
        }
        int blocks = store.blocks();
        ScanCandidates[][] found = new ScanCandidates[tasks][];
        IntStream range = IntStream.range(0, tasks);
        (tasks > 1 ? range.parallel() : range).forEach(t -> found[t] = scan(store, scorers, k,
                (int) ((long) t * blocks / tasks), (int) ((long) (t + 1) * blocks / tasks)));
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

    /** Scans blocks {@code [from, to)} for every query. */
    private static ScanCandidates[] scan(RowStore store, RowScorer[] scorers, int k, int from, int to) {
        int dimension = store.dimension();
        ScanCandidates[] candidates = new ScanCandidates[scorers.length];
        for (int q = 0; q < scorers.length; q++) {
            candidates[q] = new ScanCandidates(k, scorers[q]);
        }
        float[] scratch = new float[store.rowsPerBlock() * dimension];
        float[] rowBuffer = new float[dimension];
        boolean skipDead = store.hasDeadRows();
        for (int b = from; b < to; b++) {
            RowStore.Block block = store.block(b, scratch);
            float[] data = block.data();
            for (int q = 0; q < scorers.length; q++) {
                RowScorer scorer = scorers[q];
                ScanCandidates into = candidates[q];
                int offset = block.offset();
                int row = block.firstRow();
                for (int i = 0; i < block.rows(); i++, row++, offset += dimension) {
                    if (skipDead && store.isDead(row)) {
                        continue;
                    }
                    into.offer(scorer.score(data, offset, row, rowBuffer), row);
                }
            }
        }
        return candidates;
    }

    private static List<Neighbor> rescore(RowStore store, Similarity similarity, float[] query, int[] rows, int k,
            float[] row) {
        List<Neighbor> neighbors = new ArrayList<>(rows.length);
        for (int r : rows) {
            store.copyRow(r, row);
            neighbors.add(new Neighbor(store.id(r), similarity.distance(query, row)));
        }
        neighbors.sort(null);
        return neighbors.size() > k ? new ArrayList<>(neighbors.subList(0, k)) : neighbors;
    }
}
