package org.cbir.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.cbir.core.ImageRecord;
import org.cbir.core.ProgressListener;
import org.cbir.core.QueryResult;
import org.cbir.core.RetrievalPipeline;

/**
 * Queries every image of an indexed pipeline with its stored signature against all the indexed
 * images (itself excluded unless {@link EvaluationSettings#includeSelf()}), on a pool of
 * threads, and scores each ranking.
 *
 * <p>Each query ranks the whole collection, as MAP needs every relevant image's rank: n queries
 * cost n full scans and sorts of n distances, O(n^2) time (with the exact index each ranking
 * is a linear pass and a radix sort of n (distance, id) pairs, see BENCHMARKS.md), and each
 * thread holds one ranking of n matches and per-rank hit counts of {@code 4 n} bytes per class. Fine for thousands of images, hours for hundreds of thousands:
 * evaluate a sample of a very large collection. Threads take queries from a shared counter.
 */
final class LeaveOneOut {
    static final String STAGE = "evaluating";
    private static final AtomicInteger POOLS = new AtomicInteger();

    /**
     * What the queries produced.
     *
     * @param classes the labels, sorted
     * @param classSizes indexed images per class
     * @param scores one per query, in id order
     * @param hits per class and rank, the queries of the class with a relevant image at that rank
     * @param rankingLength how many images each query was ranked against
     */
    record Outcome(List<String> classes, int[] classSizes, List<QueryScore> scores, long[][] hits,
                   int rankingLength) {
    }

    private LeaveOneOut() {
    }

    /**
     * @throws IllegalArgumentException if an indexed image has no label, or there are too few
     *     images to rank a query against
     * @throws CancellationException if the calling thread is interrupted
     */
    static Outcome run(RetrievalPipeline pipeline, EvaluationSettings settings, ProgressListener progress) {
        return run(pipeline, settings, progress, 0, pipeline.size());
    }

    /**
     * Runs only the queries of the images at positions {@code from} (inclusive) to {@code to}
     * (exclusive) of the indexed images in id order, each still ranked against all of them; the
     * outcome's scores are those of the range, its hits count the range's queries only.
     *
     * @throws IllegalArgumentException as {@link #run(RetrievalPipeline, EvaluationSettings,
     *     ProgressListener)}, or if the range is not within the indexed images
     */
    static Outcome run(RetrievalPipeline pipeline, EvaluationSettings settings, ProgressListener progress,
                       int from, int to) {
        List<ImageRecord> records = new ArrayList<>(pipeline.records());
        records.sort(Comparator.comparingLong(ImageRecord::id));
        for (ImageRecord r : records) {
            if (r.label() == null) {
                throw new IllegalArgumentException("cannot evaluate: the indexed image " + r.path() + " has no label");
            }
        }
        int n = records.size();
        int rankingLength = settings.includeSelf() ? n : n - 1;
        if (n < 2) {
            throw new IllegalArgumentException("cannot evaluate " + n + " indexed image(s): each query needs at least"
                    + " one other image to be ranked against");
        }
        if (from < 0 || from > to || to > n) {
            throw new IllegalArgumentException("queries " + from + " to " + to + " are not within the " + n
                    + " indexed images");
        }
        List<String> classes = List.copyOf(new TreeSet<>(records.stream().map(ImageRecord::label).toList()));
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            classIndex.put(classes.get(c), c);
        }
        int[] classSizes = new int[classes.size()];
        records.forEach(r -> classSizes[classIndex.get(r.label())]++);

        QueryScorer scorer = new QueryScorer(classIndex, settings.cutoffs(), settings.tiesCountAsCorrect());
        int count = to - from;
        QueryScore[] scores = new QueryScore[count];
        AtomicLong done = new AtomicLong();
        long step = Math.max(1, count / 100);
        OrderedProgress ordered = new OrderedProgress(progress, STAGE, count);
        ordered.report(0);
        AtomicInteger next = new AtomicInteger(from);
        int workers = Math.max(1, Math.min(settings.threads(), count));
        ExecutorService pool = newPool(workers);
        try {
            List<Future<int[][]>> futures = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    int[][] hits = new int[classes.size()][rankingLength];
                    for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new CancellationException("evaluation cancelled");
                        }
                        ImageRecord query = records.get(i);
                        int c = classIndex.get(query.label());
                        scores[i - from] = queryOne(pipeline, query, settings.includeSelf(), rankingLength, classSizes[c],
                                scorer, hits[c]);
                        long finished = done.incrementAndGet();
                        if (finished % step == 0 || finished == count) {
                            ordered.report(finished);
                        }
                    }
                    return hits;
                }));
            }
            long[][] hits = new long[classes.size()][rankingLength];
            for (Future<int[][]> f : futures) {
                int[][] partial = await(f, done.get(), count);
                for (int c = 0; c < hits.length; c++) {
                    for (int r = 0; r < rankingLength; r++) {
                        hits[c][r] += partial[c][r];
                    }
                }
            }
            return new Outcome(classes, classSizes, List.of(scores), hits, rankingLength);
        } finally {
            pool.shutdownNow();
        }
    }

    private static QueryScore queryOne(RetrievalPipeline pipeline, ImageRecord query, boolean includeSelf,
                                       int rankingLength, int classSize, QueryScorer scorer, int[] hits) {
        float[] signature = pipeline.storedSignature(query.id()).orElseThrow(() -> new IllegalStateException(
                "the image " + query.path() + " (id " + query.id() + ") left the index during the evaluation"));
        QueryResult result = pipeline.queryBySignature(signature, rankingLength, includeSelf ? null : query.id());
        int relevant = includeSelf ? classSize : classSize - 1;
        return scorer.score(query.id(), query.label(), result.matches(), relevant, hits);
    }

    private static int[][] await(Future<int[][]> future, long done, int total) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("evaluation cancelled after about " + done + " of " + total + " queries");
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("evaluation cancelled after about " + done + " of " + total + " queries");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("evaluation query failed: " + cause, cause);
        }
    }

    private static ExecutorService newPool(int threads) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger worker = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "cbir-evaluation-" + pool + "-" + worker.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
