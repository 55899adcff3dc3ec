package org.cbir.index.ivf;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.internal.index.CandidateHeap;
import org.cbir.core.internal.index.ExactRerank;
import org.cbir.core.internal.index.IdRows;
import org.cbir.core.internal.index.VectorStore;
import org.cbir.core.internal.index.VectorView;
import org.cbir.core.internal.math.FloatKernels;
import org.cbir.core.internal.math.RowTiles;
import org.cbir.core.internal.math.VectorMath;
import org.cbir.core.io.StoreDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An inverted file with product-quantized lists and an exact re-ranking (see
 * {@link InvertedFilePq}).
 *
 * <p><b>The space of the codes.</b> Under Euclidean the vectors themselves; under cosine their
 * unit vectors, on which the squared distance {@code 2 - 2 cos} ranks as the cosine does (and the
 * coarse k-means is spherical, its centroids unit vectors). A vector's residual is its vector in
 * that space minus its list's centroid.
 *
 * <p><b>Training.</b> Until the index holds {@code max(40 x lists, }{@value #MIN_TRAIN_ROWS}{@code )}
 * vectors every search is an exact scan. The add that reaches that count trains the coarse
 * quantizer on a seeded sample of at most 64 vectors per list (as {@link InvertedFileIndex} does),
 * assigns every vector to its list, trains the {@code m} codebooks of 256 centroids on the
 * residuals of a seeded sample of at most {@value #PQ_SAMPLE} vectors, and codes every vector.
 * From then on an added vector is coded at once with these codebooks into the list of its nearest
 * centroid, and a removed one leaves its list at once: nothing waits for a rebuild. As in
 * {@link InvertedFileIndex}, each time the index has doubled the lists' imbalance is checked, and
 * when it has grown more than twice since the training, both quantizers are trained again on new
 * samples and every vector is coded again (the amortised cost per addition stays constant).
 *
 * <p><b>Search.</b> The query (a unit vector under cosine) is scored against the centroids and
 * one table of {@code m x 256} inner products with the codewords is computed
 * ({@link ProductQuantizer#innerProducts}); each of the {@code probes} nearest lists is then
 * scanned with {@code m} table look-ups and one stored correction per vector, which give the
 * squared distance of the query to the coded vector. The best {@code rerank x k} rows are scored
 * again from their float vectors by core's kernels, and those within the kernels' rounding error
 * of the k-th best of these scores (usually k) are ranked by {@link Similarity#distance}, then id
 * ({@link ExactRerank}): the distances returned are the similarity's own. When the probed lists hold fewer than {@code k}
 * vectors (or, with a filter, fewer than {@code k} accepted ones) the next nearest lists are
 * scanned too. A zero query under cosine, or one with a non-finite value, is answered by an exact
 * scan. Batches ({@link #searchAll}) spread their queries over the worker threads.
 *
 * <p><b>Memory</b> per vector: {@code 4 d} for the floats and 13 to 15.5 for the id and its row
 * (core's {@link VectorStore} and {@link IdRows}), {@code m} bytes of codes, 4 for the correction,
 * 4 for the store row in its list, 8 for its list and position ({@link CodedLists}), and the
 * lists' spare room; in all, {@code 4 d + m + 33} to {@code 4 d + m + 35.5} bytes plus that room.
 * Beside them {@code 4 d x lists} bytes of centroids and {@code 1 KiB x d} of codebooks.
 *
 * <p>Thread-safe: searches share the read lock of {@link org.cbir.core.internal.index.GuardedIndex}; additions, removals and
 * trainings take the write lock. File: see {@code IvfPqFiles}.
 */
public final class InvertedFilePqIndex extends ProbedListIndex {
    private static final Logger LOG = LoggerFactory.getLogger(InvertedFilePqIndex.class);
    /** The fewest vectors at which the quantizers are trained: four per codeword. */
    static final int MIN_TRAIN_ROWS = 4 * ProductQuantizer.CENTROIDS;
    /** The largest sample the codebooks are trained on. */
    static final int PQ_SAMPLE = 64 * ProductQuantizer.CENTROIDS;
    /** Rows coded together during a training. */
    private static final int BLOCK = 1 << 16;
    private static final RowTiles KERNELS = RowTiles.preferred();
    /**
     * The dimension from which the candidates are scored one by one by {@link FloatKernels}
     * rather than copied into tiles and scored by {@link RowTiles} (100k x 128, rerank 16: 108 us
     * of CPU per query against 133; at 16 dimensions the tiles are faster).
     */
    static final int DIRECT_RERANK_DIMENSION = 64;

    private final InvertedFilePq parameters;
    private final boolean cosine;
    private final int m;
    private final VectorStore store;
    private CodedLists lists;
    private CoarseQuantizer quantizer;
    private ProductQuantizer codes;
    private int trainedAt;
    private double trainedImbalance;
    private long nextCheck;
    /** Buffers of the vector being added (additions run one at a time, under the write lock). */
    private float[] insertScores = new float[0];
    private final float[] insertResidual;
    private final byte[] insertCode;
    private final ThreadLocal<Scratch> scratch;

    InvertedFilePqIndex(InvertedFilePq parameters, int dimension, Similarity similarity) {
        super(dimension, similarity);
        this.parameters = parameters;
        this.cosine = InvertedFileIndex.isCosine(similarity);
        this.m = Math.min(parameters.m(), dimension);
        this.store = new VectorStore(dimension);
        this.insertResidual = new float[dimension];
        this.insertCode = new byte[m];
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(m));
    }

    @Override
    public ComponentSpec spec() {
        return parameters.spec();
    }

    @Override
    protected VectorView view() {
        return store;
    }

    /** The bytes of a code: {@code min(m, d)}. */
    int m() {
        return m;
    }

    @Override
    protected void insert(long id, float[] vector) {
        int row = store.append(id, vector, 0);
        if (quantizer == null) {
            if (store.rows() >= trainRows()) {
                train();
            }
            return;
        }
        float[] coded = codable(vector);
        quantizer.score(coded, insertScores);
        int list = quantizer.best(insertScores);
        codes.residual(coded, quantizer.centroids(), list, insertResidual);
        codes.encode(insertResidual, insertCode, 0);
        lists.append(list, row, insertCode, 0, codes.correction(insertCode, 0, quantizer.centroids(), list));
        if (store.rows() >= nextCheck) {
            nextCheck = 2L * store.rows();
            if (lists.imbalance() > InvertedFileIndex.RETRAIN_IMBALANCE * trainedImbalance) {
                train();
            }
        }
    }

    private int trainRows() {
        return (int) Math.max(MIN_TRAIN_ROWS, Math.min(Integer.MAX_VALUE,
                (long) InvertedFileIndex.TRAIN_PER_LIST * parameters.lists()));
    }

    @Override
    protected boolean delete(long id) {
        int row = store.rowOf(id);
        if (row < 0) {
            return false;
        }
        if (lists != null) {
            lists.remove(row);
        }
        store.removeMovingLast(id);
        int last = store.rows();
        if (lists != null && row != last) {
            lists.moveRow(last, row);
        }
        return true;
    }

    /** The vector in the space of the codes: its unit vector under cosine (zero stays zero), else itself. */
    private float[] codable(float[] vector) {
        return cosine ? VectorMath.normalized(vector) : vector;
    }

    private float[] codableRow(int row) {
        float[] v = new float[dimension()];
        store.copyRow(row, v, 0);
        return codable(v);
    }

    /** Whether the quantizers have been trained. */
    boolean trained() {
        readLock().lock();
        try {
            return quantizer != null;
        } finally {
            readLock().unlock();
        }
    }

    /** Trains both quantizers on seeded samples and codes every vector into its list; write lock held. */
    private void train() {
        int rows = store.rows();
        int coarseSize = (int) Math.min(rows, (long) InvertedFileIndex.SAMPLE_PER_LIST * parameters.lists());
        int pqSize = Math.min(rows, PQ_SAMPLE);
        int[] order = sampleOrder(rows, Math.max(coarseSize, pqSize), new SplittableRandom(parameters.seed() ^ rows));
        long start = System.nanoTime();
        float[][] sample = new float[coarseSize][];
        for (int i = 0; i < coarseSize; i++) {
            sample[i] = codableRow(order[i]);
        }
        CoarseQuantizer coarse = CoarseQuantizer.train(sample, parameters.lists(), cosine, parameters.seed());
        float[] centroids = coarse.centroids();
        float[][] residuals = sampleOf(order, pqSize);
        int[] sampleLists = coarse.assign(residuals);
        for (int i = 0; i < pqSize; i++) {
            for (int t = 0, at = sampleLists[i] * dimension(); t < dimension(); t++) {
                residuals[i][t] -= centroids[at + t];
            }
        }
        ProductQuantizer trained = ProductQuantizer.train(residuals, m, parameters.seed());
        long trainedNanos = System.nanoTime() - start;
        install(coarse, trained, rows);
        LOG.info("trained the coarse quantizer of {} lists on {} and the {} codebooks on {} of {} vectors in {} ms,"
                + " coded the vectors into their lists in {} ms", parameters.lists(), coarseSize, m, pqSize, rows,
                trainedNanos / 1_000_000, (System.nanoTime() - start - trainedNanos) / 1_000_000);
    }

    /** The first {@code size} of a seeded shuffle of {@code [0, rows)} (a partial Fisher-Yates shuffle). */
    private static int[] sampleOrder(int rows, int size, SplittableRandom random) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int pick = i + random.nextInt(rows - i);
            int slot = order[pick];
            order[pick] = order[i];
            order[i] = slot;
        }
        return order;
    }

    private float[][] sampleOf(int[] order, int size) {
        float[][] rows = new float[size][];
        for (int i = 0; i < size; i++) {
            rows[i] = codableRow(order[i]);
        }
        return rows;
    }

    /** Installs the quantizers and codes every vector into its nearest list; write lock held. */
    private void install(CoarseQuantizer coarse, ProductQuantizer pq, int at) {
        int rows = store.rows();
        CodedLists coded = new CodedLists(m, coarse.lists());
        for (int first = 0; first < rows; first += BLOCK) { // a block of rows at a time, to bound the copies
            float[][] vectors = new float[Math.min(BLOCK, rows - first)][];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = codableRow(first + i);
            }
            int[] assignment = coarse.assign(vectors);
            byte[] blockCodes = new byte[vectors.length * m];
            float[] corrections = new float[vectors.length];
            pq.encodeAll(vectors, assignment, coarse.centroids(), blockCodes, corrections);
            for (int i = 0; i < vectors.length; i++) {
                coded.append(assignment[i], first + i, blockCodes, i * m, corrections[i]);
            }
        }
        restore(coded, coarse, pq, at, coded.imbalance());
    }

    @Override
    int defaultProbes() {
        return parameters.probes();
    }

    /** The search itself, under the read lock. */
    @Override
    List<Neighbor> searchLocked(float[] query, int k, int probes, LongPredicate accepts) {
        if (store.size() == 0) {
            return List.of();
        }
        float[] coded = quantizer == null ? null : codedQuery(query);
        if (coded == null) {
            return exactScan(query, k, accepts);
        }
        Scratch scratch = this.scratch.get();
        float[] centroidScores = scratch.centroidScores(quantizer.lists());
        quantizer.score(coded, centroidScores);
        int[] order = quantizer.nearestLists(centroidScores, probes);
        float[] table = scratch.table;
        codes.innerProducts(coded, table);
        CandidateHeap candidates = new CandidateHeap((int) Math.min((long) k * parameters.rerank(), store.size()));
        for (int i = 0; ; i++) {
            if (i == order.length) {
                if (candidates.size() >= k || order.length >= lists.lists()) {
                    break;
                }
                order = quantizer.nearestLists(centroidScores, lists.lists()); // the probed lists held too few
            }
            if (i >= probes && candidates.size() >= k) {
                break;
            }
            int list = order[i];
            if (lists.size(list) > 0) {
                scan(candidates, table, coarseDistance(coded, list), list, accepts, scratch.scores(lists.size(list)));
            }
        }
        return rank(query, coded, k, candidates, scratch);
    }

    /**
     * The {@code k} best candidates by the similarity's distance, then id. Each candidate's float
     * vector is scored by core's kernels first (minus the cosine, or the squared distance; below
     * {@value #DIRECT_RERANK_DIMENSION} dimensions by the tile kernels, as {@link InvertedFileIndex}
     * scores its lists, else one by one); only
     * those whose kernel score lies within the kernels' rounding error of the k-th best can be
     * among the k best, so only those (usually k) are ranked by {@link Similarity#distance}.
     */
    private List<Neighbor> rank(float[] query, float[] coded, int k, CandidateHeap candidates, Scratch scratch) {
        int n = candidates.size();
        long[] keys = candidates.keys();
        long[] sorted = scratch.sorted(n);
        int d = dimension();
        float[] vector = scratch.vector(d);
        if (d >= DIRECT_RERANK_DIMENSION) { // one kernel call per candidate: the copy into tiles would cost more
            for (int i = 0; i < n; i++) {
                store.copyRow((int) keys[i], vector, 0);
                float score = cosine ? -FloatKernels.cosine(coded, vector, 0) : FloatKernels.squareDistance(coded, vector, 0);
                sorted[i] = (long) CoarseQuantizer.sortable(score) << 32 | (int) keys[i];
            }
        } else { // the candidates' floats in core's tile layout, scored like an inverted file's list
            int padded = InvertedLists.roundUp(n);
            float[] tiles = scratch.tiles(padded * d);
            for (int i = 0; i < n; i++) {
                store.copyRow((int) keys[i], vector, 0);
                for (int j = 0, at = RowTiles.index(i, 0, d); j < d; j++, at += RowTiles.WIDTH) {
                    tiles[at] = vector[j];
                }
            }
            float[] scores = scratch.scores(padded);
            if (cosine) {
                KERNELS.cosineScores(coded, tiles, 0, padded / RowTiles.WIDTH, scores, 0);
            } else {
                KERNELS.squareDistances(coded, tiles, 0, padded / RowTiles.WIDTH, scores, 0);
            }
            for (int i = 0; i < n; i++) {
                sorted[i] = (long) CoarseQuantizer.sortable(scores[i]) << 32 | (int) keys[i];
            }
        }
        Arrays.sort(sorted, 0, n);
        int kept = n;
        if (n > k) {
            float kth = CoarseQuantizer.unsortable((int) (sorted[k - 1] >> 32));
            float limit = kth + InvertedFileIndex.tolerance(dimension(), cosine, kth);
            kept = k;
            while (kept < n && !(CoarseQuantizer.unsortable((int) (sorted[kept] >> 32)) > limit)) {
                kept++;
            }
        }
        return ExactRerank.closestRows(store, i -> (int) sorted[i], kept, similarity(), query, k);
    }

    /**
     * The query in the space of the codes, or null when it must be answered exactly: a zero query
     * under cosine (every vector is as near), or a non-finite value.
     */
    private float[] codedQuery(float[] query) {
        double norm = 0;
        for (float v : query) {
            if (!Float.isFinite(v)) {
                return null;
            }
            norm += (double) v * v;
        }
        return !cosine ? query : norm > 0 ? VectorMath.normalized(query) : null;
    }

    /** {@code |q - c|^2} for the centroid {@code c} of {@code list}. */
    private float coarseDistance(float[] query, int list) {
        float[] centroids = quantizer.centroids();
        double sum = 0;
        for (int t = 0, at = list * dimension(); t < query.length; t++) {
            double diff = query[t] - centroids[at + t];
            sum += diff * diff;
        }
        return (float) sum;
    }

    /**
     * Offers the coded distances of the entries of {@code list} to {@code candidates}, skipping
     * rejected ids: all distances first (a loop without branches), then the offers.
     */
    private void scan(CandidateHeap candidates, float[] table, float base, int list, LongPredicate accepts,
            float[] distances) {
        int size = lists.size(list);
        byte[] listCodes = lists.codes(list);
        float[] corrections = lists.corrections(list);
        int[] rows = lists.rows(list);
        for (int r = 0, at = 0; r < size; r++) {
            float s0 = base + corrections[r]; // four sums, so that the additions need not wait for each other
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int j = 0;
            for (; j + 3 < m; j += 4, at += 4) {
                s0 += table[j << 8 | listCodes[at] & 0xff];
                s1 += table[(j + 1) << 8 | listCodes[at + 1] & 0xff];
                s2 += table[(j + 2) << 8 | listCodes[at + 2] & 0xff];
                s3 += table[(j + 3) << 8 | listCodes[at + 3] & 0xff];
            }
            for (; j < m; j++, at++) {
                s0 += table[j << 8 | listCodes[at] & 0xff];
            }
            distances[r] = (s0 + s1) + (s2 + s3);
        }
        float bound = candidates.bound();
        for (int r = 0; r < size; r++) {
            if (distances[r] < bound && (accepts == null || accepts.test(store.id(rows[r])))) {
                candidates.offer(distances[r], rows[r]);
                bound = candidates.bound();
            }
        }
    }

    /** Every accepted vector scored with the similarity: before training, and for a query without a code. */
    private List<Neighbor> exactScan(float[] query, int k, LongPredicate accepts) {
        int[] accepted = new int[store.rows()];
        int count = 0;
        for (int r = 0; r < accepted.length; r++) {
            if (accepts == null || accepts.test(store.id(r))) {
                accepted[count++] = r;
            }
        }
        return ExactRerank.closestRows(store, i -> accepted[i], count, similarity(), query, k);
    }

    /** Writes {@code ivf-pq.bin} (format in {@code IvfPqFiles}); searches may run meanwhile, changes wait. */
    @Override
    public void save(StoreDirectory directory) throws IOException {
        writeUnderReadLock(() -> IvfPqFiles.save(directory, this));
    }

    // The state IvfPqFiles reads and restores (under the read lock, or before the index is shared).

    InvertedFilePq parameters() {
        return parameters;
    }

    VectorStore store() {
        return store;
    }

    /** The lists, or null before training. */
    CodedLists lists() {
        return lists;
    }

    CoarseQuantizer quantizer() {
        return quantizer;
    }

    ProductQuantizer codes() {
        return codes;
    }

    int trainedAt() {
        return trainedAt;
    }

    double trainedImbalance() {
        return trainedImbalance;
    }

    boolean cosine() {
        return cosine;
    }

    String similarityType() {
        return similarity().spec().type();
    }

    /** Installs trained (or loaded) lists and quantizers; write lock held, or before the index is shared. */
    void restore(CodedLists loaded, CoarseQuantizer coarse, ProductQuantizer pq, int at, double imbalance) {
        lists = loaded;
        quantizer = coarse;
        codes = pq;
        trainedAt = at;
        trainedImbalance = imbalance;
        nextCheck = 2L * store.rows();
        insertScores = new float[InvertedLists.roundUp(coarse.lists())];
    }

    /** The buffers of one searching thread. */
    private static final class Scratch {
        private final float[] table;
        private float[] centroidScores = new float[0];
        private long[] sorted = new long[0];
        private float[] vector = new float[0];
        private float[] tiles = new float[0];
        private float[] scores = new float[0];

        float[] tiles(int length) {
            if (tiles.length < length) {
                tiles = new float[length];
            }
            return tiles;
        }

        float[] scores(int length) {
            if (scores.length < length) {
                scores = new float[length];
            }
            return scores;
        }

        long[] sorted(int n) {
            if (sorted.length < n) {
                sorted = new long[n];
            }
            return sorted;
        }

        float[] vector(int dimension) {
            if (vector.length != dimension) {
                vector = new float[dimension];
            }
            return vector;
        }

        Scratch(int m) {
            table = new float[m * ProductQuantizer.CENTROIDS];
        }

        float[] centroidScores(int lists) {
            if (centroidScores.length < InvertedLists.roundUp(lists)) {
                centroidScores = new float[InvertedLists.roundUp(lists)];
            }
            return centroidScores;
        }
    }
}
