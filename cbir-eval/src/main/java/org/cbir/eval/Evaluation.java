package org.cbir.eval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.IndexingReport;
import org.cbir.core.ProgressListener;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.internal.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how well a pipeline retrieves a labelled collection, as the paper's evaluation does
 * (Araujo et al., Tables 3 to 6): MAP, k-accuracy per class, precision@k and recall@k, and
 * confusion matrices.
 *
 * <pre>{@code
 * EvaluationReport report = Evaluation.builder()
 *         .pipeline(RetrievalPipeline.builder().extractor(FeatureExtractor.firstOrderStatistics(32)))
 *         .fitFraction(0.1).seed(42)
 *         .build()
 *         .run(ImageCollection.fromFolder(database));
 * report.writeMarkdown(Path.of("report.md"));
 * }</pre>
 *
 * <p>{@link #run} splits the collection, stratified by label and seeded, into a part used only to
 * {@linkplain RetrievalPipeline#fit fit} a fresh pipeline (PCA, a CNN; images there are neither
 * queried nor ranked) and the evaluated part, indexes the evaluated part, then queries each
 * indexed image with its stored signature against all the others (leave-one-out; the
 * {@linkplain Builder#includeSelf reference variant} ranks the query itself too). A pipeline
 * that needs fitting with a fit fraction of 0 fails when indexing, with the pipeline's message.
 *
 * <p>Rankings order by distance, then by id (the {@link org.cbir.core.Index} contract), and the
 * measures are computed on that order: among images at equal distance, the one added first ranks
 * first, so ties are resolved deterministically but not in the query's favour or against it.
 *
 * <p>Every query ranks the whole evaluated collection, as MAP needs the rank of every relevant
 * image: with an exact index that is n scans of n signatures, O(n^2) time (seconds for thousands
 * of images, far too long for millions: evaluate a sample). Queries run on
 * {@link Builder#threads} threads and report progress under the stage {@code "evaluating"};
 * fitting and indexing report theirs. Interrupting the calling thread cancels the run with a
 * {@link java.util.concurrent.CancellationException}.
 *
 * <p>Immutable and thread-safe: each run builds its own pipeline.
 */
public final class Evaluation {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

    private final Supplier<RetrievalPipeline> pipelines;
    private final EvaluationSettings settings;
    private final ProgressListener progress;

    private Evaluation(Builder builder) {
        this.pipelines = builder.pipelines;
        this.settings = new EvaluationSettings(builder.fitFraction, builder.seed, builder.cutoffs,
                builder.includeSelf, builder.tiesCountAsCorrect, builder.threads);
        this.progress = builder.progress;
    }

    /** A builder with the defaults: no fitting part, seed 0, k = 1, 5, 10, 20, Ω, leave-one-out. */
    public static Builder builder() {
        return new Builder();
    }

    /** The validated settings every run uses. */
    public EvaluationSettings settings() {
        return settings;
    }

    /**
     * Splits, fits, indexes and evaluates {@code collection} with a fresh pipeline.
     *
     * @throws IllegalArgumentException if the collection is empty, has an unlabelled image, or
     *     leaves fewer than two images to evaluate (one with {@code includeSelf})
     * @throws IllegalStateException if the evaluation was built without a {@link Builder#pipeline
     *     pipeline}, the pipeline supplier returns a pipeline that already holds images, or the
     *     pipeline needs fitting and the fit fraction is 0
     */
    public EvaluationReport run(ImageCollection collection) {
        Objects.requireNonNull(collection, "collection");
        if (pipelines == null) {
            throw new IllegalStateException("run(collection) builds its pipelines with the builder's pipeline(...),"
                    + " which was not set; runIndexed(pipeline) evaluates a pipeline you built and filled");
        }
        if (collection.isEmpty()) {
            throw new IllegalArgumentException("the collection to evaluate is empty");
        }
        if (!collection.isLabeled()) {
            long unlabelled = collection.entries().stream().filter(e -> e.label() == null).count();
            throw new IllegalArgumentException("the collection to evaluate must be labelled: " + unlabelled + " of "
                    + collection.size() + " images have no label");
        }
        long start = System.nanoTime();
        ImageCollection fitting = null;
        ImageCollection evaluated = collection;
        if (settings.fitFraction() > 0) {
            ImageCollection.Split split = collection.split(settings.fitFraction(), settings.seed());
            fitting = split.train();
            evaluated = split.test();
        }
        RetrievalPipeline pipeline = Objects.requireNonNull(pipelines.get(), "the pipeline supplier returned null");
        if (pipeline.size() != 0) {
            throw new IllegalStateException("the pipeline supplier must return an empty pipeline, got one with "
                    + pipeline.size() + " images");
        }
        if (fitting != null && !fitting.isEmpty()) {
            pipeline.fit(fitting, progress);
        }
        if (evaluated.isEmpty()) {
            throw new IllegalArgumentException("nothing left to evaluate: the fit fraction " + settings.fitFraction()
                    + " takes all " + collection.size() + " images");
        }
        IndexingReport indexing = pipeline.addAll(evaluated, progress);
        int fittingCount = fitting == null ? 0 : fitting.size();
        LOG.info("evaluating {} on {} images ({} for fitting, {} unusable)", pipeline.describe(), indexing.added(),
                fittingCount, indexing.skippedCount());
        return evaluate(pipeline, collection.size(), fittingCount, evaluated.size(), indexing.skippedCount(), start);
    }

    /**
     * Evaluates a pipeline that is already fitted and indexed: every indexed image is queried
     * against the others. The fit fraction and seed play no part, and the evaluation needs no
     * {@link Builder#pipeline pipeline supplier}:
     * {@code Evaluation.builder().build().runIndexed(pipeline)}.
     *
     * @throws IllegalArgumentException if an indexed image has no label, or too few are indexed
     */
    public EvaluationReport runIndexed(RetrievalPipeline pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        int n = pipeline.size();
        return evaluate(pipeline, n, 0, n, 0, System.nanoTime());
    }

    /**
     * The queries at positions {@code from} (inclusive) to {@code to} (exclusive) of
     * {@link #runIndexed}, whose queries are the indexed images in id order, each still ranked
     * against all indexed images: for engines that split an evaluation's queries over machines,
     * each holding the same indexed pipeline. {@link #join} makes the report of the slices.
     *
     * @throws IllegalArgumentException as {@link #runIndexed}, or if the range is not within the
     *     indexed images
     */
    public EvaluationSlice runIndexedSlice(RetrievalPipeline pipeline, int from, int to) {
        Objects.requireNonNull(pipeline, "pipeline");
        return new EvaluationSlice(from, to, pipeline.size(), LeaveOneOut.run(pipeline, settings, progress, from, to));
    }

    /**
     * The report of {@link #runIndexedSlice} slices that together cover every query once: equal to
     * what {@link #run} or {@link #runIndexed} reports on one machine for the same indexed
     * images, as the queries are summed in the same order.
     *
     * @param pipeline the pipeline's description ({@link RetrievalPipeline#describe()})
     * @param collection images handed to the evaluation
     * @param fitting images of them set aside for fitting
     * @param evaluated images given to the index
     * @param skipped evaluated images that could not be used
     * @param elapsed the whole evaluation's time
     * @throws IllegalArgumentException if the slices leave a gap, overlap, or come from
     *     different indexed sets
     */
    public EvaluationReport join(List<EvaluationSlice> slices, String pipeline, int collection, int fitting,
                                 int evaluated, int skipped, Duration elapsed) {
        List<EvaluationSlice> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparingInt(EvaluationSlice::from));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no evaluation slices to join");
        }
        EvaluationSlice first = sorted.get(0);
        int expected = 0;
        List<QueryScore> scores = new ArrayList<>(first.indexed());
        long[][] hits = new long[first.classes().size()][first.rankingLength()];
        for (EvaluationSlice slice : sorted) {
            if (slice.from() != expected || slice.indexed() != first.indexed()
                    || !slice.classes().equals(first.classes()) || slice.rankingLength() != first.rankingLength()) {
                throw new IllegalArgumentException("evaluation slices do not tile the " + first.indexed()
                        + " queries of one indexed set: expected one starting at " + expected + ", got " + slice.from()
                        + " to " + slice.to() + " of " + slice.indexed());
            }
            scores.addAll(slice.scores());
            for (int c = 0; c < hits.length; c++) {
                for (int r = 0; r < hits[c].length; r++) {
                    hits[c][r] += slice.hits()[c][r];
                }
            }
            expected = slice.to();
        }
        if (expected != first.indexed()) {
            throw new IllegalArgumentException("evaluation slices cover queries 0 to " + expected + " of "
                    + first.indexed());
        }
        LeaveOneOut.Outcome outcome = new LeaveOneOut.Outcome(first.classes(), first.classSizes(), scores, hits,
                first.rankingLength());
        EvaluationReport report = Scoreboard.report(outcome, settings, pipeline, collection, fitting, evaluated,
                skipped, elapsed);
        LOG.info("MAP {} over {} queries joined from {} slices", report.map(), report.counts().queries(), sorted.size());
        return report;
    }

    private EvaluationReport evaluate(RetrievalPipeline pipeline, int collection, int fitting, int evaluated,
                                      int skipped, long start) {
        LeaveOneOut.Outcome outcome = LeaveOneOut.run(pipeline, settings, progress);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        EvaluationReport report = Scoreboard.report(outcome, settings, pipeline.describe(), collection, fitting,
                evaluated, skipped, elapsed);
        LOG.info("MAP {} over {} queries in {}", report.map(), report.counts().queries(), Durations.humane(elapsed));
        return report;
    }

    /** Options of an evaluation; {@link #build()} validates them. */
    public static final class Builder {
        private Supplier<RetrievalPipeline> pipelines;
        private double fitFraction;
        private long seed;
        private List<Cutoff> cutoffs = EvaluationSettings.PAPER_CUTOFFS;
        private boolean includeSelf;
        private boolean tiesCountAsCorrect;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** Where each {@link Evaluation#run run} gets a fresh, empty pipeline; needed by {@code run} only. */
        public Builder pipeline(Supplier<RetrievalPipeline> pipelines) {
            this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
            return this;
        }

        /** Each run builds its pipeline with {@code builder}, which must not change afterwards. */
        public Builder pipeline(RetrievalPipeline.Builder builder) {
            Objects.requireNonNull(builder, "builder");
            return pipeline(builder::build);
        }

        /**
         * The share of each class used only for fitting, in [0, 1); 0 (the default) evaluates
         * every image and fits nothing. A larger share trains PCA or a CNN on more images and
         * leaves fewer to evaluate.
         */
        public Builder fitFraction(double fitFraction) {
            this.fitFraction = fitFraction;
            return this;
        }

        /** The seed of the stratified split; 0 by default. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The k of the k-accuracy table and confusion matrices; 1, 5, 10, 20 and Ω by default. */
        public Builder cutoffs(List<Cutoff> cutoffs) {
            this.cutoffs = List.copyOf(cutoffs);
            return this;
        }

        /** {@link #cutoffs(List)} from an array. */
        public Builder cutoffs(Cutoff... cutoffs) {
            return cutoffs(Arrays.asList(cutoffs));
        }

        /**
         * Whether a query is ranked against itself too, as in the reference implementation: its
         * self-match counts as relevant in MAP and the curves, usually at rank 1, and N includes
         * it; the k-accuracy still counts the votes of the other images only. Off by default.
         */
        public Builder includeSelf(boolean includeSelf) {
            this.includeSelf = includeSelf;
            return this;
        }

        /**
         * Whether a query whose label ties with another for most votes in its top k counts as
         * correct, as in the reference implementation; off by default (the tie goes to the
         * best-ranked label, as in the pipeline's prediction).
         */
        public Builder tiesCountAsCorrect(boolean tiesCountAsCorrect) {
            this.tiesCountAsCorrect = tiesCountAsCorrect;
            return this;
        }

        /** Threads that run the queries; the number of available processors by default. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Told of the fitting, indexing and querying progress; none by default. */
        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * @throws IllegalArgumentException if an option is out of range (see {@link EvaluationSettings})
         */
        public Evaluation build() {
            return new Evaluation(this);
        }
    }
}
