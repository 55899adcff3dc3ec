package org.cbir.cluster.label;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.cbir.cluster.graph.KnnGraph;
import org.cbir.core.ImageRecord;
import org.cbir.core.Index;
import org.cbir.core.IndexView;
import org.cbir.core.IndexFactory;
import org.cbir.core.Match;
import org.cbir.core.Neighbor;
import org.cbir.core.ProgressListener;
import org.cbir.core.Similarity;
import org.cbir.core.internal.LabelVotes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suggests a label for every unlabelled image of a partly labelled collection, from the
 * signatures already in its {@link Index}, with a calibrated confidence.
 *
 * <pre>{@code
 * LabelSuggestions s = LabelSuggester.builder().method(SuggestionMethod.PROPAGATION).k(10).build()
 *         .suggest(index, similarity, pipeline.records(), ProgressListener.NONE);
 * s.reviewQueue();   // least confident first
 * }</pre>
 *
 * <p>Everything goes through the index: the k-NN graph of {@link SuggestionMethod#PROPAGATION}
 * takes one search per image, and the nearest labelled images come from a second index (of the
 * {@linkplain Builder#labeledIndex factory} given, exact by default) that holds only the
 * labelled signatures; nothing is quadratic in the number of images.
 *
 * <p>Confidences are calibrated on the labelled images themselves: for the vote, each labelled
 * image is voted on by its k nearest other labelled images (leave-one-out); for propagation, the
 * labelled images are split into {@linkplain Builder#calibrationFolds folds} (stratified, seeded)
 * and each fold's labels are propagated from the other folds'. The raw scores of these held-aside
 * suggestions and whether they were right fit an {@link IsotonicCalibration} that maps each raw
 * score to a probability of being right. Because the held-aside runs see fewer labels than the
 * final one, the calibration errs on the side of modesty.
 *
 * <p>Immutable and thread-safe; {@link #suggest} runs searches and iterations in parallel on the
 * common fork-join pool.
 */
public final class LabelSuggester {
    private static final Logger LOG = LoggerFactory.getLogger(LabelSuggester.class);

    private final SuggestionMethod method;
    private final int k;
    private final double alpha;
    private final int maxIterations;
    private final double tolerance;
    private final int calibrationFolds;
    private final long seed;
    private final IndexFactory labeledIndex;
    private final int neighborsShown;

    private LabelSuggester(Builder b) {
        this.method = b.method;
        this.k = b.k;
        this.alpha = b.alpha;
        this.maxIterations = b.maxIterations;
        this.tolerance = b.tolerance;
        this.calibrationFolds = b.calibrationFolds;
        this.seed = b.seed;
        this.labeledIndex = b.labeledIndex;
        this.neighborsShown = b.neighborsShown;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Suggests labels for the unlabelled images among {@code records} (those whose label is
     * {@code null}); the labelled ones are the seeds.
     *
     * @param index the index that holds the signature of every record, under the record's id
     * @param similarity the distance the index ranks by, used for the index of labelled images
     * @throws LabelInputException if no record is labelled, or a class has a single labelled image
     * @throws IllegalArgumentException if a record's id is not in the index
     */
    public LabelSuggestions suggest(IndexView index, Similarity similarity, List<ImageRecord> records,
            ProgressListener progress) {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(similarity, "similarity");
        Objects.requireNonNull(progress, "progress");
        LabelSeeds seeds = LabelSeeds.of(records);
        Map<Long, ImageRecord> byId = new HashMap<>();
        seeds.all().forEach(r -> byId.put(r.id(), r));
        Index labelled = labeledIndex.create(index.dimension(), similarity);
        for (ImageRecord r : seeds.labelled()) {
            labelled.add(r.id(), vector(index, r.id()));
        }
        progress.onProgress("nearest labelled", 0, seeds.unlabelled().size());
        List<List<Match>> nearest = nearestLabelled(index, labelled, seeds.unlabelled(), byId, false);
        progress.onProgress("nearest labelled", seeds.unlabelled().size(), seeds.unlabelled().size());
        Scored scored = method == SuggestionMethod.VOTE
                ? vote(index, labelled, seeds, byId, nearest)
                : propagate(index, seeds, nearest, progress);
        IsotonicCalibration calibration = IsotonicCalibration.fit(scored.heldAsideScores(), scored.heldAsideRight());
        List<Suggestion> suggestions = new ArrayList<>(seeds.unlabelled().size());
        for (int u = 0; u < seeds.unlabelled().size(); u++) {
            List<Match> shown = nearest.get(u).subList(0, Math.min(neighborsShown, nearest.get(u).size()));
            suggestions.add(new Suggestion(seeds.unlabelled().get(u), scored.labels()[u],
                    calibration.apply(scored.scores()[u]), scored.scores()[u], shown));
        }
        LOG.info("suggested labels for {} images from {} labelled ({} classes) by {}", suggestions.size(),
                seeds.labelled().size(), seeds.classes().size(), method);
        return new LabelSuggestions(method, seeds.labelled(), suggestions, calibration);
    }

    /**
     * Checks labels before any work: at least one labelled record, two or more per class, and
     * when the true labels of unlabelled records are known ({@code hiddenLabels}, by id, e.g.
     * labels hidden to measure accuracy), none that no labelled record carries.
     *
     * @throws LabelInputException naming the problem, the label and an image
     */
    public static void checkLabels(List<ImageRecord> records, Map<Long, String> hiddenLabels) {
        LabelSeeds.of(records).requireKnown(hiddenLabels);
    }

    /** The raw results of a method: per unlabelled image a label and score, and the held-aside outcomes. */
    private record Scored(String[] labels, double[] scores, double[] heldAsideScores, boolean[] heldAsideRight) {
    }

    private Scored vote(IndexView index, IndexView labelled, LabelSeeds seeds, Map<Long, ImageRecord> byId,
            List<List<Match>> nearest) {
        int u = seeds.unlabelled().size();
        String[] labels = new String[u];
        double[] scores = new double[u];
        for (int i = 0; i < u; i++) {
            labels[i] = LabelVotes.majorityLabel(nearest.get(i).stream().map(Match::label).toList());
            scores[i] = share(nearest.get(i), labels[i]);
        }
        List<List<Match>> others = nearestLabelled(index, labelled, seeds.labelled(), byId, true);
        int s = seeds.labelled().size();
        double[] heldScores = new double[s];
        boolean[] right = new boolean[s];
        for (int i = 0; i < s; i++) {
            List<Match> votes = others.get(i);
            String label = LabelVotes.majorityLabel(votes.stream().map(Match::label).toList());
            heldScores[i] = label == null ? 0 : share(votes, label);
            right[i] = seeds.labelled().get(i).label().equals(label);
        }
        return new Scored(labels, scores, heldScores, right);
    }

    private static double share(List<Match> votes, String label) {
        return votes.isEmpty() ? 0 : (double) votes.stream().filter(m -> label.equals(m.label())).count() / votes.size();
    }

    private Scored propagate(IndexView index, LabelSeeds seeds, List<List<Match>> nearest, ProgressListener progress) {
        List<ImageRecord> all = seeds.all();
        long[] ids = all.stream().mapToLong(ImageRecord::id).toArray();
        KnnGraph graph = KnnGraph.build(index, ids, k, "k-NN graph", progress);
        Propagation propagation = new Propagation(graph, alpha, maxIterations, tolerance);
        int classes = seeds.classes().size();
        int[] seedClass = new int[all.size()];
        int[] fold = new int[all.size()];
        assignFolds(all, seeds, seedClass, fold);
        int folds = calibrationFolds;
        List<Double> heldScores = new ArrayList<>();
        List<Boolean> right = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            progress.onProgress("propagating", f, folds + 1);
            int[] visible = seedClass.clone();
            for (int i = 0; i < visible.length; i++) {
                if (fold[i] == f) {
                    visible[i] = -1;
                }
            }
            float[] mass = propagation.spread(visible, classes);
            for (int i = 0; i < all.size(); i++) {
                if (fold[i] == f) {
                    int best = argmax(mass, i, classes);
                    heldScores.add(best < 0 ? 0 : shareOf(mass, i, classes, best));
                    right.add(best == seedClass[i]);
                }
            }
        }
        progress.onProgress("propagating", folds, folds + 1);
        float[] mass = propagation.spread(seedClass, classes);
        progress.onProgress("propagating", folds + 1, folds + 1);
        int u = seeds.unlabelled().size();
        String[] labels = new String[u];
        double[] scores = new double[u];
        int at = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).label() != null) {
                continue;
            }
            int best = argmax(mass, i, classes);
            if (best < 0) { // no labelled image reachable in the graph: fall back on the nearest labelled ones
                labels[at] = LabelVotes.majorityLabel(nearest.get(at).stream().map(Match::label).toList());
                scores[at] = 0;
            } else {
                labels[at] = seeds.classes().get(best);
                scores[at] = shareOf(mass, i, classes, best);
            }
            at++;
        }
        double[] held = heldScores.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] ok = new boolean[right.size()];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = right.get(i);
        }
        return new Scored(labels, scores, held, ok);
    }

    /** Seed classes by node, and for labelled nodes a fold number: each class shuffled (seeded) and dealt round. */
    private void assignFolds(List<ImageRecord> all, LabelSeeds seeds, int[] seedClass, int[] fold) {
        Map<String, List<Integer>> members = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            String label = all.get(i).label();
            seedClass[i] = label == null ? -1 : seeds.classNumbers().get(label);
            fold[i] = -1;
            if (label != null) {
                members.computeIfAbsent(label, c -> new ArrayList<>()).add(i);
            }
        }
        int folds = calibrationFolds;
        for (String label : seeds.classes()) {
            List<Integer> nodes = members.get(label);
            java.util.Collections.shuffle(nodes, new Random(seed * 31 + label.hashCode()));
            for (int j = 0; j < nodes.size(); j++) {
                fold[nodes.get(j)] = j % folds;
            }
        }
    }

    private static int argmax(float[] mass, int node, int classes) {
        int best = -1;
        float top = 0;
        for (int c = 0; c < classes; c++) {
            float m = mass[node * classes + c];
            if (m > top) {
                top = m;
                best = c;
            }
        }
        return best;
    }

    private static double shareOf(float[] mass, int node, int classes, int best) {
        double total = 0;
        for (int c = 0; c < classes; c++) {
            total += mass[node * classes + c];
        }
        return mass[node * classes + best] / total;
    }

    /** The k nearest labelled images of each record, as matches; {@code excludeSelf} for labelled records. */
    private List<List<Match>> nearestLabelled(IndexView index, IndexView labelled, List<ImageRecord> of,
            Map<Long, ImageRecord> byId, boolean excludeSelf) {
        List<float[]> queries = new ArrayList<>(of.size());
        for (ImageRecord r : of) {
            queries.add(vector(index, r.id()));
        }
        int searched = excludeSelf ? k + 1 : k;
        List<List<Neighbor>> hits = queries.isEmpty() ? List.of() : labelled.searchAll(queries, searched);
        List<List<Match>> result = new ArrayList<>(of.size());
        for (int i = 0; i < of.size(); i++) {
            long self = of.get(i).id();
            List<Match> matches = new ArrayList<>(k);
            for (Neighbor n : hits.get(i)) {
                if ((excludeSelf && n.id() == self) || matches.size() == k) {
                    continue;
                }
                ImageRecord r = byId.get(n.id());
                matches.add(new Match(matches.size() + 1, n.id(), r.path(), r.label(), n.distance()));
            }
            result.add(matches);
        }
        return result;
    }

    private static float[] vector(IndexView index, long id) {
        return index.vector(id).orElseThrow(() -> new IllegalArgumentException("image id " + id + " is not in the index"));
    }

    /** Options of a {@link LabelSuggester}; {@link #build()} validates them. */
    public static final class Builder {
        private SuggestionMethod method = SuggestionMethod.PROPAGATION;
        private int k = 10;
        private double alpha = 0.99;
        private int maxIterations = 100;
        private double tolerance = 1e-7;
        private int calibrationFolds = 5;
        private long seed;
        private IndexFactory labeledIndex = IndexFactory.exact();
        private int neighborsShown = 5;

        private Builder() {
        }

        /** Propagation (the default) or the k-NN vote. */
        public Builder method(SuggestionMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Neighbours per image: the votes of {@link SuggestionMethod#VOTE}, the graph degree of
         * {@link SuggestionMethod#PROPAGATION}; 10 by default. More neighbours smooth the vote
         * and connect the graph better, but reach across class borders sooner.
         */
        public Builder k(int k) {
            this.k = k;
            return this;
        }

        /**
         * Propagation's alpha in (0, 1): how far labels spread (0.99 by default, as Zhou et al.);
         * smaller values keep each suggestion closer to its nearest labelled images.
         */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** Propagation stops after this many iterations (100 by default) or once no mass changes by more than the tolerance (1e-7). */
        public Builder iterations(int maxIterations, double tolerance) {
            this.maxIterations = maxIterations;
            this.tolerance = tolerance;
            return this;
        }

        /** Folds of labelled images held aside in turn to calibrate propagation; 5 by default, at least 2. */
        public Builder calibrationFolds(int folds) {
            this.calibrationFolds = folds;
            return this;
        }

        /** Seed of the calibration folds. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The kind of index that holds the labelled signatures for nearest-labelled searches; exact by default. */
        public Builder labeledIndex(IndexFactory factory) {
            this.labeledIndex = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** How many nearest labelled images each suggestion lists; 5 by default (at most k). */
        public Builder neighborsShown(int neighborsShown) {
            this.neighborsShown = neighborsShown;
            return this;
        }

        /** @throws IllegalArgumentException naming the option that is out of range */
        public LabelSuggester build() {
            Index.requireK(k);
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
            }
            if (maxIterations < 1 || !(tolerance >= 0)) {
                throw new IllegalArgumentException("iterations must be at least 1 and the tolerance at least 0, got "
                        + maxIterations + " and " + tolerance);
            }
            if (calibrationFolds < 2) {
                throw new IllegalArgumentException("calibration needs at least 2 folds, got " + calibrationFolds);
            }
            if (neighborsShown < 0) {
                throw new IllegalArgumentException("neighboursShown must be at least 0, got " + neighborsShown);
            }
            return new LabelSuggester(this);
        }
    }
}
