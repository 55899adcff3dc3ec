package org.cbir.core.internal.search;

import java.util.List;
import java.util.function.LongPredicate;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.internal.index.ParallelRanges;
import org.cbir.core.internal.math.RowTiles;
import org.cbir.core.internal.math.VectorMath;

/**
 * One query's k best rows when k is large (a ranking of the whole collection, or tens of
 * thousands of rows): instead of a bounded heap, arrays of primitives.
 *
 * <ol>
 * <li>Unless k covers every live row, the fast float score of every row ({@link RowScorer}, the
 *     tile kernels) goes into a {@code float[]}; the k-th lowest is found by
 *     {@linkplain NeighborSort#select selection} in linear time, and the candidates are the rows
 *     whose score is within the scorer's {@linkplain RowScorer#limit limit} of it (the rows that
 *     may belong to the k best, as in the heap scan).</li>
 * <li>Each candidate's exact distance ({@link Similarity#distance}; for core's cosine the same
 *     double sums computed straight from the tiles by {@link RowTiles#exactCosineParts}, 4 or 8
 *     rows per vector instruction, bit for bit the same value) and id go into {@code long}
 *     arrays, the distance as its {@linkplain NeighborSort#key sort key}.</li>
 * <li>A {@linkplain NeighborSort#sort radix sort} of the (distance, id) pairs; the first k
 *     become the neighbours, a {@link NeighborList} over the two arrays (no record is created
 *     until the caller reads it).</li>
 * </ol>
 * Both passes over the rows run in parallel ranges of blocks like {@link BatchScan}'s. The result
 * is the same list as the heap scan's: the k least (distance, id) pairs of the live rows that
 * {@code accepts} takes, in {@link Neighbor} order.
 *
 * <p>Memory during a query: 8 bytes per row for the scores (when k is below the size) and 16
 * bytes per candidate, written by the parallel ranges straight into one pair of arrays (each
 * range from where the candidates of the ranges before it end), plus as much scratch for the
 * sort; the arrays become the returned {@link NeighborList}. Stateless; the caller holds the
 * store's read lock.
 */
final class RankingScan {
    private static final int W = RowTiles.WIDTH;

    private final RowStore store;
    private final Similarity similarity;
    private final float[] query;
    private final RowScorer scorer;
    private final RowTiles tiles;
    private final LongPredicate accepts;
    private final int dimension;
    private final double queryNorm;
    private final double[] queryDoubles;

    private RankingScan(RowStore store, Similarity similarity, float[] query, RowTiles tiles, LongPredicate accepts) {
        this.store = store;
        this.similarity = similarity;
        this.query = query;
        this.scorer = RowScorer.of(similarity, store, query);
        this.tiles = tiles;
        this.accepts = accepts;
        this.dimension = store.dimension();
        this.queryNorm = CosineDistance.isCore(similarity) ? VectorMath.norm(query) : 0;
        this.queryDoubles = new double[query.length];
        for (int j = 0; j < query.length; j++) {
            queryDoubles[j] = query[j];
        }
    }

    /**
     * The {@code k} nearest live rows to {@code query} that {@code accepts} takes (null: all),
     * closest first, scanned in {@code tasks} parallel ranges of blocks (1: the calling thread).
     */
    static List<Neighbor> search(RowStore store, Similarity similarity, float[] query, int k, int tasks,
            RowTiles tiles, LongPredicate accepts) {
        return new RankingScan(store, similarity, query, tiles, accepts).search(k, tasks);
    }

    private List<Neighbor> search(int k, int tasks) {
        int blocks = store.blocks();
        float[] scores = null;
        double limit = Double.POSITIVE_INFINITY;
        if (k < store.size()) {
            float[] all = new float[store.rows()];
            ParallelRanges.run(tasks, blocks, (task, from, to) -> score(from, to, all));
            float[] accepted = new float[all.length];
            int count = 0;
            for (float s : all) {
                if (s == s) {
                    accepted[count++] = s;
                }
            }
            if (k < count) {
                limit = scorer.limit(NeighborSort.select(accepted, count, k - 1));
            }
            scores = all;
        }
        float[] rowScores = scores;
        double rowLimit = limit;
        int[] starts = new int[tasks + 1]; // task t writes from starts[t], at most up to starts[t + 1]
        ParallelRanges.run(tasks, blocks, (task, from, to) -> starts[task + 1] = capacity(from, to, rowScores,
                rowLimit));
        for (int t = 0; t < tasks; t++) {
            starts[t + 1] += starts[t];
        }
        long[] keys = new long[starts[tasks]];
        long[] ids = new long[starts[tasks]];
        int[] counts = new int[tasks];
        ParallelRanges.run(tasks, blocks, (task, from, to) -> counts[task] = collect(from, to, rowScores, rowLimit,
                keys, ids, starts[task]));
        int total = counts[0];
        for (int t = 1; t < tasks; t++) { // close the gaps the skipped rows left (none without dead rows or filter)
            if (starts[t] != total) {
                System.arraycopy(keys, starts[t], keys, total, counts[t]);
                System.arraycopy(ids, starts[t], ids, total, counts[t]);
            }
            total += counts[t];
        }
        NeighborSort.sort(keys, ids, total, tasks);
        return NeighborSort.neighbors(keys, ids, total, k);
    }

    /**
     * The float scores of the rows of blocks [from, to) into {@code out} by row: NaN for a row the
     * query skips (dead, or rejected by the filter), positive infinity for a NaN score.
     */
    private void score(int from, int to, float[] out) {
        Scratch scratch = new Scratch();
        int spanRows = Math.min(store.rowsPerBlock(), BatchScan.SPAN_ROWS);
        float[] span = new float[(spanRows + W - 1) / W * W];
        float[] row = new float[dimension];
        for (int b = from; b < to; b++) {
            RowStore.Block block = scratch.block(b);
            float[] data = block.data();
            for (int first = 0; first < block.rows(); first += spanRows) {
                int rows = Math.min(spanRows, block.rows() - first);
                int spanTiles = (rows + W - 1) / W;
                int offset = first * dimension;
                switch (scorer.kind()) {
                    case COSINE -> tiles.cosineScores(scorer.query(), data, offset, spanTiles, span, 0);
                    case SQUARED_EUCLIDEAN -> tiles.squareDistances(scorer.query(), data, offset, spanTiles, span, 0);
                    case EXACT -> {
                        for (int i = 0; i < rows; i++) {
                            gather(data, offset, i, row);
                            span[i] = (float) scorer.exactScore(row); // rounding keeps the order
                        }
                    }
                }
                int firstRow = block.firstRow() + first;
                for (int i = 0; i < rows; i++) {
                    float s = span[i];
                    out[firstRow + i] = skips(firstRow + i) ? Float.NaN : s == s ? s : Float.POSITIVE_INFINITY;
                }
            }
        }
    }

    /**
     * How many candidate rows blocks [from, to) may hold: their rows when {@code scores} is null
     * (the rows the query skips included), else exactly the rows whose score is a number not
     * above {@code limit}.
     */
    private int capacity(int from, int to, float[] scores, double limit) {
        int capacity = 0;
        for (int b = from; b < to; b++) {
            int first = store.blockFirstRow(b);
            int end = first + store.blockRows(b);
            if (scores == null) {
                capacity += end - first;
            } else {
                for (int r = first; r < end; r++) {
                    if (scores[r] <= limit) { // false for NaN: the skipped rows
                        capacity++;
                    }
                }
            }
        }
        return capacity;
    }

    /**
     * Writes the exact distances (as sort keys) and ids of the candidate rows of blocks [from, to)
     * into {@code keys} and {@code ids} from {@code at} (at most {@link #capacity} of them) and
     * returns how many: every row the query does not skip when {@code scores} is null, else the
     * rows whose score is a number not above {@code limit}.
     */
    private int collect(int from, int to, float[] scores, double limit, long[] keys, long[] ids, int at) {
        int count = at;
        Scratch scratch = new Scratch();
        float[] row = new float[dimension];
        boolean cosine = CosineDistance.isCore(similarity);
        double[] squares = new double[W];
        double[] dots = new double[W];
        for (int b = from; b < to; b++) {
            RowStore.Block block = scratch.block(b);
            float[] data = block.data();
            for (int tile = 0; tile * W < block.rows(); tile++) {
                int lanes = Math.min(W, block.rows() - tile * W);
                int firstRow = block.firstRow() + tile * W;
                int candidates = 0; // bit l: lane l is a candidate
                for (int lane = 0; lane < lanes; lane++) {
                    int r = firstRow + lane;
                    if (scores == null ? !skips(r) : scores[r] <= limit) { // NaN: a skipped row
                        candidates |= 1 << lane;
                    }
                }
                if (candidates == 0) {
                    continue;
                }
                if (cosine) {
                    tiles.exactCosineParts(queryDoubles, data, tile * W * dimension, squares, dots);
                }
                for (int lane = 0, i = tile * W; lane < lanes; lane++, i++) {
                    int r = firstRow + lane;
                    if ((candidates & 1 << lane) == 0) {
                        continue;
                    }
                    double distance;
                    if (cosine) {
                        distance = CosineDistance.fromParts(queryNorm, Math.sqrt(squares[lane]), dots[lane]);
                    } else {
                        gather(data, 0, i, row);
                        distance = similarity.distance(query, row);
                    }
                    keys[count] = NeighborSort.key(distance);
                    ids[count++] = store.id(r);
                }
            }
        }
        return count - at;
    }

    private void gather(float[] data, int offset, int i, float[] row) {
        int at = offset + (i / W) * W * dimension + i % W;
        for (int j = 0; j < dimension; j++, at += W) {
            row[j] = data[at];
        }
    }

    private boolean skips(int row) {
        return store.hasDeadRows() && store.isDead(row) || accepts != null && !accepts.test(store.id(row));
    }

    /** The scratch arrays one thread needs to read mapped blocks. */
    private final class Scratch {
        private float[] rowScratch;
        private float[] tileScratch;

        RowStore.Block block(int b) {
            if (tileScratch == null && store.isMappedBlock(b)) {
                rowScratch = new float[store.rowsPerBlock() * dimension];
                tileScratch = new float[store.rowsPerBlock() * dimension];
            }
            return store.block(b, rowScratch, tileScratch);
        }
    }
}
