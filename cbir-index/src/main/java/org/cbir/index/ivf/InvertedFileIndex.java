package org.cbir.index.ivf;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.cbir.core.internal.index.CandidateHeap;
import org.cbir.core.internal.index.ExactRerank;
import org.cbir.core.internal.index.VectorView;
import org.cbir.core.internal.math.FloatKernels;
import org.cbir.core.internal.math.RowTiles;
import org.cbir.core.internal.math.VectorMath;
import org.cbir.core.io.StoreDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An inverted-file index (see {@link InvertedFile}): the vectors partitioned into lists by a
 * k-means {@code CoarseQuantizer}, each list scanned whole by core's tile kernels.
 *
 * <p><b>Training.</b> Until the index holds {@value #TRAIN_PER_LIST} vectors per list
 * ({@code 40 x lists}) there is one list and every search is an exact scan. The add that reaches
 * that count trains the quantizer on a seeded sample of at most {@value #SAMPLE_PER_LIST} vectors
 * per list and moves every vector into its list. Each time the index has doubled since, the lists'
 * imbalance ({@code InvertedLists.imbalance()}, the cost of a probe relative to equal lists) is
 * checked: when it has grown more than {@value #RETRAIN_IMBALANCE} times since the training (a
 * collection added class by class, whose later classes crowd into the lists of a few centroids
 * of the first ones), the quantizer is trained again on a new sample of all vectors and the lists
 * are rebuilt; the amortised cost per addition stays constant. Between
 * trainings an added vector goes to the list of its nearest centroid, and a removed one leaves its
 * list at once (the list's last row takes its place): nothing waits for a rebuild.
 *
 * <p><b>Search.</b> The query is scored against the centroids, the {@code probes} nearest lists
 * are scanned (minus the cosine under cosine, from the rows' stored inverse norms, the squared
 * distance under Euclidean, in {@code float}), the best {@code k + }{@value #MARGIN} rows are kept,
 * and those whose score lies within the kernels' rounding error of the k-th best (usually k of
 * them) are ranked by {@link Similarity#distance} of the stored vectors, then id: the distances
 * returned are the similarity's own. When the probed lists hold fewer than {@code k}
 * vectors (or, with a filter, fewer than {@code k} accepted ones), the next nearest lists are
 * scanned too, so a search returns {@code min(k, size)} neighbours (accepted ones with a filter).
 * Batches ({@link #searchAll}) spread their queries over the worker threads.
 *
 * <p><b>Memory</b> per vector: see {@code InvertedLists} ({@code 4 d + 33} to {@code 4 d + 35.5}
 * bytes, plus the lists' spare room), and {@code 4 d x lists} bytes of centroids in all.
 *
 * <p>Thread-safe: searches share the read lock of {@link org.cbir.core.internal.index.GuardedIndex}; additions, removals and
 * trainings take the write lock. File: see {@code IvfFiles}.
 */
public final class InvertedFileIndex extends ProbedListIndex {
    private static final Logger LOG = LoggerFactory.getLogger(InvertedFileIndex.class);
    /** Vectors per list at which the quantizer is first trained. */
    static final int TRAIN_PER_LIST = 40;
    /** The training sample, in vectors per list, at most. */
    static final int SAMPLE_PER_LIST = 64;
    /** How many times the imbalance after training the lists may grow before the quantizer is trained again. */
    static final double RETRAIN_IMBALANCE = 2;
    /** Candidates kept beyond k for the exact ranking (the kernels round in float). */
    static final int MARGIN = 16;
    private static final int W = RowTiles.WIDTH;
    private static final RowTiles KERNELS = RowTiles.preferred();

    private final InvertedFile parameters;
    private final boolean cosine;
    private InvertedLists lists;
    private CoarseQuantizer quantizer;
    private int trainedAt;
    /** The lists' imbalance right after the last training. */
    private double trainedImbalance;
    /** The count at which the imbalance is checked next (it doubles at each check). */
    private long nextCheck;
    /** The centroid scores of the vector being added (additions run one at a time, under the write lock). */
    private float[] insertScores = new float[0];
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    InvertedFileIndex(InvertedFile parameters, int dimension, Similarity similarity) {
        super(dimension, similarity);
        this.parameters = parameters;
        this.cosine = isCosine(similarity);
        this.lists = new InvertedLists(dimension, 1);
    }

    /**
     * Whether {@code similarity} is cosine (else Euclidean), by its kind.
     *
     * @throws IllegalArgumentException naming the similarity and the supported kinds otherwise
     */
    static boolean isCosine(Similarity similarity) {
        SimilarityKind kind = similarity.kind();
        if (kind == SimilarityKind.COSINE || kind == SimilarityKind.EUCLIDEAN) {
            return kind == SimilarityKind.COSINE;
        }
        throw new IllegalArgumentException("the inverted-file index (" + InvertedFile.TYPE + ") does not support the"
                + " similarity " + similarity.spec() + ": it supports the cosine and Euclidean kinds, whose k-means"
                + " lists hold the nearest neighbours; use the exact index for other metrics");
    }

    @Override
    public ComponentSpec spec() {
        return parameters.spec();
    }

    @Override
    protected VectorView view() {
        return lists;
    }

    @Override
    protected void insert(long id, float[] vector) {
        int list = 0;
        if (quantizer != null) {
            quantizer.score(vector, insertScores);
            list = quantizer.best(insertScores);
        }
        lists.append(list, id, vector, 0);
        int rows = lists.rows();
        if (quantizer == null) {
            if (rows >= (long) TRAIN_PER_LIST * parameters.lists()) {
                train();
            }
        } else if (rows >= nextCheck) {
            nextCheck = 2L * rows;
            if (lists.imbalance() > RETRAIN_IMBALANCE * trainedImbalance) {
                train();
            }
        }
    }

    @Override
    protected boolean delete(long id) {
        return lists.remove(id);
    }

    /** Whether the quantizer has been trained (the index holds or held 40 vectors per list). */
    boolean trained() {
        readLock().lock();
        try {
            return quantizer != null;
        } finally {
            readLock().unlock();
        }
    }

    /** Trains the quantizer on a seeded sample and moves every vector into its list; write lock held. */
    private void train() {
        int rows = lists.rows();
        int sampleSize = (int) Math.min(rows, (long) SAMPLE_PER_LIST * parameters.lists());
        SplittableRandom random = new SplittableRandom(parameters.seed() ^ rows);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        float[][] sample = new float[sampleSize][];
        for (int i = 0; i < sampleSize; i++) {
            int pick = i + random.nextInt(rows - i);
            int slot = order[pick];
            order[pick] = order[i];
            order[i] = slot;
            sample[i] = row(slot);
        }
        long start = System.nanoTime();
        CoarseQuantizer trained = CoarseQuantizer.train(sample, parameters.lists(), cosine, parameters.seed());
        long trainedNanos = System.nanoTime() - start;
        install(trained, rows);
        LOG.info("trained the quantizer of {} lists on {} of {} vectors in {} ms, moved the vectors into their lists"
                + " in {} ms", parameters.lists(), sampleSize, rows, trainedNanos / 1_000_000,
                (System.nanoTime() - start - trainedNanos) / 1_000_000);
    }

    /** Installs {@code trained} and moves every vector into its nearest list; write lock held (or not yet shared). */
    void install(CoarseQuantizer trained, int at) {
        int rows = lists.rows();
        int[] assignment = new int[rows];
        int block = 1 << 16;
        for (int first = 0; first < rows; first += block) { // a block of rows at a time, to bound the copies
            float[][] vectors = new float[Math.min(block, rows - first)][];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = row(first + i);
            }
            System.arraycopy(trained.assign(vectors), 0, assignment, first, vectors.length);
        }
        lists.redistribute(trained.lists(), assignment);
        quantizer = trained;
        trainedAt = at;
        trainedImbalance = lists.imbalance();
        nextCheck = 2L * rows;
        insertScores = new float[InvertedLists.roundUp(trained.lists())];
    }

    private float[] row(int slot) {
        float[] v = new float[dimension()];
        lists.copyRow(slot, v, 0);
        return v;
    }

    @Override
    int defaultProbes() {
        return parameters.probes();
    }

    /** The search itself, under the read lock. */
    @Override
    List<Neighbor> searchLocked(float[] query, int k, int probes, LongPredicate accepts) {
        if (lists.size() == 0) {
            return List.of();
        }
        Scratch scratch = this.scratch.get();
        float[] scored = cosine ? VectorMath.normalized(query) : query;
        int[] order;
        float[] centroidScores = null;
        if (quantizer == null) {
            order = new int[] {0};
        } else {
            centroidScores = scratch.centroidScores(quantizer.lists());
            quantizer.score(scored, centroidScores);
            order = quantizer.nearestLists(centroidScores, probes);
        }
        CandidateHeap candidates = new CandidateHeap((int) Math.min((long) k + MARGIN, lists.size()));
        float[][] queries = {scored};
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
            int size = lists.size(list);
            if (size == 0) {
                continue;
            }
            float[][] out = scratch.scores(size);
            int tiles = (size + W - 1) / W;
            if (cosine) {
                KERNELS.cosineScores(queries, 1, lists.data(list), 0, tiles, lists.inverseNorms(list), out, 0);
            } else {
                KERNELS.squareDistances(scored, lists.data(list), 0, tiles, out[0], 0);
            }
            offer(candidates, out[0], list, size, accepts);
        }
        return rank(query, k, candidates);
    }

    /** Offers the {@code size} scores of {@code list} to {@code candidates}, skipping rejected ids. */
    private void offer(CandidateHeap candidates, float[] scores, int list, int size, LongPredicate accepts) {
        int r = 0;
        for (; r < size && !candidates.full(); r++) { // filling: every accepted row enters
            if (accepts == null || accepts.test(lists.id(list, r))) {
                candidates.offer(scores[r], (long) list << 32 | r);
            }
        }
        float bound = candidates.bound();
        for (; r < size; r++) {
            if (scores[r] < bound && (accepts == null || accepts.test(lists.id(list, r)))) {
                candidates.offer(scores[r], (long) list << 32 | r);
                bound = candidates.bound();
            }
        }
    }

    /**
     * The {@code k} best candidates by the similarity's distance, then id. Only candidates whose
     * kernel score lies within the kernels' rounding error of the k-th best score can be among the
     * k best, so only those are ranked exactly (usually k of them).
     */
    private List<Neighbor> rank(float[] query, int k, CandidateHeap candidates) {
        int n = candidates.size();
        float[] scores = candidates.scores();
        long[] entries = candidates.keys();
        for (int i = 1; i < n; i++) { // insertion sort by score: n is k + 16 at most
            float s = scores[i];
            long e = entries[i];
            int j = i;
            while (j > 0 && scores[j - 1] > s) {
                scores[j] = scores[j - 1];
                entries[j] = entries[j - 1];
                j--;
            }
            scores[j] = s;
            entries[j] = e;
        }
        int kept = n;
        if (n > k) {
            float kth = scores[k - 1];
            float limit = kth + tolerance(kth);
            kept = k;
            while (kept < n && !(scores[kept] > limit)) {
                kept++;
            }
        }
        return ExactRerank.closest(new ExactRerank.Candidates() {
            @Override
            public long id(int i) {
                return lists.id((int) (entries[i] >>> 32), (int) entries[i]);
            }

            @Override
            public void copy(int i, float[] target) {
                lists.copy((int) (entries[i] >>> 32), (int) entries[i], target, 0);
            }
        }, kept, dimension(), similarity(), query, k);
    }

    /**
     * How far above {@code score} a kernel score may lie and still belong to a row at least as
     * close: twice the kernels' error bound. A cosine score is minus a cosine, off by at most
     * {@code relativeErrorBound(d)} plus the rounding of the inverse norm; a squared distance is
     * off by at most {@code relativeErrorBound(d)} times itself.
     */
    private float tolerance(float score) {
        return tolerance(dimension(), cosine, score);
    }

    /** {@link #tolerance(float)} for vectors of {@code dimension}, under cosine or Euclidean (the IVF-PQ re-ranking's too). */
    static float tolerance(int dimension, boolean cosine, float score) {
        double bound = FloatKernels.relativeErrorBound(dimension);
        double error = cosine ? 2 * bound + 0x1p-21 : 2 * bound * Math.abs(score);
        return (float) (2 * error) + Float.MIN_NORMAL;
    }

    /** Writes {@code ivf.bin} (format in {@code IvfFiles}); searches may run meanwhile, changes wait. */
    @Override
    public void save(StoreDirectory directory) throws IOException {
        writeUnderReadLock(() -> IvfFiles.save(directory, this));
    }

    // The state IvfFiles reads and restores (under the read lock, or before the index is shared).

    InvertedFile parameters() {
        return parameters;
    }

    InvertedLists lists() {
        return lists;
    }

    CoarseQuantizer quantizer() {
        return quantizer;
    }

    int trainedAt() {
        return trainedAt;
    }

    boolean cosine() {
        return cosine;
    }

    String similarityType() {
        return similarity().spec().type();
    }

    double trainedImbalance() {
        return trainedImbalance;
    }

    /** Replaces the (empty) lists and the quantizer by loaded ones; only before the index is shared. */
    void restore(InvertedLists loaded, CoarseQuantizer loadedQuantizer, int at, double imbalance) {
        lists = loaded;
        quantizer = loadedQuantizer;
        trainedAt = at;
        trainedImbalance = imbalance;
        nextCheck = 2L * loaded.rows();
        insertScores = new float[InvertedLists.roundUp(loaded.lists())];
    }

    /** The score buffers of one searching thread, grown as needed. */
    private static final class Scratch {
        private final float[][] scores = {new float[0]};
        private float[] centroidScores = new float[0];

        /** The buffer for the kernel scores of a list of {@code rows}, as the kernels' output array. */
        float[][] scores(int rows) {
            if (scores[0].length < InvertedLists.roundUp(rows)) {
                scores[0] = new float[InvertedLists.roundUp(Math.max(rows, 2 * scores[0].length))];
            }
            return scores;
        }

        float[] centroidScores(int lists) {
            if (centroidScores.length < InvertedLists.roundUp(lists)) {
                centroidScores = new float[InvertedLists.roundUp(lists)];
            }
            return centroidScores;
        }
    }
}
