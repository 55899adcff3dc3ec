package org.cbir.core.internal.search;

import java.util.function.LongPredicate;
import org.cbir.core.internal.math.RowTiles;

/**
 * The scan of a range of blocks of a {@link RowStore} by one thread, for every query of a batch:
 * the queries are grouped by {@link RowScorer.Kind}; each span of a block is scored by the tile
 * kernels for all cosine queries (inverse norms computed once per span when there are several),
 * then for all squared-Euclidean ones, and row by row for the exact ones; each query's scores
 * are then filtered against its current bound, so that only possible top-k rows reach its
 * {@link ScanCandidates}. Dead rows, and rows whose id a query filter rejects, are skipped as
 * they would be offered, so a filter costs one id test per row that could enter the top k.
 *
 * <p>Not thread-safe: one per scanning thread; owns its scratch arrays.
 */
final class BlockScan {
    private static final int W = RowTiles.WIDTH;

    private final RowStore store;
    private final RowTiles tiles;
    private final int dimension;
    private final ScanCandidates[] candidates;
    private final float[][] cosineQueries;
    private final int[] cosineOwners;
    private final float[][] euclideanQueries;
    private final int[] euclideanOwners;
    private final RowScorer[] exactScorers;
    private final int[] exactOwners;
    private final float[][] scores;
    private final float[] inverseNorms;
    private final int spanRows;
    private final LongPredicate accepts;

    /** A scan whose results are limited to the ids {@code accepts} (null: all ids). */
    BlockScan(RowStore store, RowScorer[] scorers, int k, RowTiles tiles, LongPredicate accepts) {
        this.store = store;
        this.accepts = accepts;
        this.tiles = tiles;
        this.dimension = store.dimension();
        this.candidates = new ScanCandidates[scorers.length];
        int cosine = 0;
        int euclidean = 0;
        int exact = 0;
        for (int q = 0; q < scorers.length; q++) {
            candidates[q] = new ScanCandidates(k, scorers[q]);
            switch (scorers[q].kind()) {
                case COSINE -> cosine++;
                case SQUARED_EUCLIDEAN -> euclidean++;
                case EXACT -> exact++;
            }
        }
        cosineQueries = new float[cosine][];
        cosineOwners = new int[cosine];
        euclideanQueries = new float[euclidean][];
        euclideanOwners = new int[euclidean];
        exactScorers = new RowScorer[exact];
        exactOwners = new int[exact];
        cosine = 0;
        euclidean = 0;
        exact = 0;
        for (int q = 0; q < scorers.length; q++) {
            switch (scorers[q].kind()) {
                case COSINE -> {
                    cosineQueries[cosine] = scorers[q].query();
                    cosineOwners[cosine++] = q;
                }
                case SQUARED_EUCLIDEAN -> {
                    euclideanQueries[euclidean] = scorers[q].query();
                    euclideanOwners[euclidean++] = q;
                }
                case EXACT -> {
                    exactScorers[exact] = scorers[q];
                    exactOwners[exact++] = q;
                }
            }
        }
        this.spanRows = Math.min(store.rowsPerBlock(), BatchScan.SPAN_ROWS);
        this.scores = new float[Math.max(cosine, euclidean)][spanRows];
        this.inverseNorms = cosine > 1 ? new float[spanRows] : null;
    }

    /** Scans blocks {@code [from, to)}; returns the candidates of each query. */
    ScanCandidates[] scan(int from, int to) {
        float[] rowScratch = null;
        float[] tileScratch = null;
        float[] row = new float[dimension];
        for (int b = from; b < to; b++) {
            if (tileScratch == null && store.isMappedBlock(b)) {
                rowScratch = new float[store.rowsPerBlock() * dimension];
                tileScratch = new float[store.rowsPerBlock() * dimension];
            }
            RowStore.Block block = store.block(b, rowScratch, tileScratch);
            float[] data = block.data();
            for (int first = 0; first < block.rows(); first += spanRows) {
                int rows = Math.min(spanRows, block.rows() - first);
                int spanTiles = (rows + W - 1) / W;
                int offset = first * dimension; // first is a multiple of the tile width
                int firstRow = block.firstRow() + first;
                scoreCosine(data, offset, spanTiles, rows, firstRow);
                scoreEuclidean(data, offset, spanTiles, rows, firstRow);
                scoreExact(data, offset, rows, firstRow, row);
            }
        }
        return candidates;
    }

    private void scoreCosine(float[] data, int offset, int spanTiles, int rows, int firstRow) {
        int count = cosineQueries.length;
        if (count == 1) {
            tiles.cosineScores(cosineQueries[0], data, offset, spanTiles, scores[0], 0);
        } else if (count > 1) {
            tiles.inverseNorms(dimension, data, offset, spanTiles, inverseNorms, 0);
            tiles.cosineScores(cosineQueries, count, data, offset, spanTiles, inverseNorms, scores, 0);
        }
        for (int i = 0; i < count; i++) {
            offerBelowBound(candidates[cosineOwners[i]], scores[i], rows, firstRow);
        }
    }

    private void scoreEuclidean(float[] data, int offset, int spanTiles, int rows, int firstRow) {
        int count = euclideanQueries.length;
        if (count == 1) {
            tiles.squareDistances(euclideanQueries[0], data, offset, spanTiles, scores[0], 0);
        } else if (count > 1) {
            tiles.squareDistances(euclideanQueries, count, data, offset, spanTiles, scores, 0);
        }
        for (int i = 0; i < count; i++) {
            offerBelowBound(candidates[euclideanOwners[i]], scores[i], rows, firstRow);
        }
    }

    private void scoreExact(float[] data, int offset, int rows, int firstRow, float[] row) {
        if (exactScorers.length == 0) {
            return;
        }
        boolean skipDead = store.hasDeadRows();
        for (int i = 0; i < rows; i++) {
            if (skips(skipDead, firstRow + i)) {
                continue;
            }
            int at = offset + (i / W) * W * dimension + i % W;
            for (int j = 0; j < dimension; j++, at += W) {
                row[j] = data[at];
            }
            for (int q = 0; q < exactScorers.length; q++) {
                candidates[exactOwners[q]].offer(exactScorers[q].exactScore(row), firstRow + i);
            }
        }
    }

    /** Offers the rows whose score is not above the candidates' bound (NaN counts as infinity). */
    private void offerBelowBound(ScanCandidates into, float[] spanScores, int rows, int firstRow) {
        double bound = into.bound();
        boolean skipDead = store.hasDeadRows();
        for (int i = 0; i < rows; i++) {
            float score = spanScores[i];
            if (!(score > bound)) {
                if (skips(skipDead, firstRow + i)) {
                    continue;
                }
                into.offer(RowScorer.finite(score), firstRow + i);
                bound = into.bound();
            }
        }
    }

    private boolean skips(boolean skipDead, int row) {
        return skipDead && store.isDead(row) || accepts != null && !accepts.test(store.id(row));
    }
}
