package org.cbir.examples.gui;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cbir.cli.ComponentChoices;
import org.cbir.core.IndexFactory;
import org.cbir.core.Reducer;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.core.spi.ComponentType;
import org.cbir.index.pca.Pca;
import org.cbir.metrics.Similarities;

/**
 * The retrieval options of the GUI's left panel, as one validated value: which signature, reducer,
 * index and metric build the pipeline, and how many matches each query shows. Components are made
 * from the command line's names ({@link ComponentChoices}), so {@code cbir gui} and
 * {@code cbir search} build the same pipeline from the same choices. Immutable; change one option
 * with a {@code with...} method.
 *
 * @param extractor one of {@link #EXTRACTORS}; {@code cnn} (trained on the labels) and {@code ssl}
 *     (self-supervised, no labels) train a CNN on the collection before indexing it
 * @param histogramBins histogram bins of the {@code histogram} extractor, 2..4096; more bins
 *     separate finer intensity differences and make longer signatures
 * @param lbpPoints sampling points of the {@code lbp} extractor, 1..32
 * @param lbpRadius sampling radius of the {@code lbp} extractor in pixels, above 0
 * @param reducer one of {@link #REDUCERS}
 * @param pcaComponents components kept by the {@code pca} reducer, at least 1
 * @param index one of {@link #INDEXES}, the index shorthands that the modules on the class path
 *     register (as {@code --index} takes them, with their defaults; {@value #LSH} with the two
 *     parameters below): {@code exact} scans every signature; the others trade a little recall
 *     or a build for speed on large collections (see the README's index table)
 * @param lshTrees trees of the LSH Forest, at least 1
 * @param lshCandidates candidates per tree of the LSH Forest, at least 1
 * @param metric a name of {@link Similarities#names()}
 * @param k matches per query, 1..1000
 */
public record RetrievalSettings(String extractor, int histogramBins, int lbpPoints, double lbpRadius,
                                String reducer, int pcaComponents, String index, int lshTrees, int lshCandidates,
                                String metric, int k) {
    /** The extractor names, in the order the GUI lists them. */
    public static final List<String> EXTRACTORS = List.of("histogram", "glcm", "hog", "lbp", "daisy", "cnn", "ssl");
    /** The reducer names. */
    public static final List<String> REDUCERS = List.of("none", "zscore", "pca");
    /** The index names. */
    public static final List<String> INDEXES = ComponentRegistry.standard().shorthands(ComponentRole.INDEX).stream()
            .map(ComponentType.Shorthand::name).toList();
    /** The index whose trees and candidates the GUI sets ({@code lsh[:TREES[:CANDIDATES]]}). */
    public static final String LSH = "lsh";

    /**
     * @throws IllegalArgumentException naming the option that is unknown or out of range
     */
    public RetrievalSettings {
        requireOneOf("extractor", extractor, EXTRACTORS);
        requireOneOf("reducer", reducer, REDUCERS);
        requireOneOf("index", index, INDEXES);
        requireOneOf("metric", metric, Similarities.names());
        requireRange("histogram bins", histogramBins, 2, 4096);
        requireRange("LBP points", lbpPoints, 1, 32);
        if (!(lbpRadius > 0) || Double.isInfinite(lbpRadius)) {
            throw new IllegalArgumentException("LBP radius must be a positive number, got " + lbpRadius);
        }
        requireRange("PCA components", pcaComponents, 1, 100_000);
        requireRange("LSH Forest trees", lshTrees, 1, 1000);
        requireRange("LSH Forest candidates", lshCandidates, 1, 100_000);
        requireRange("k", k, 1, 1000);
    }

    /** The defaults of {@code cbir search}: a 32-bin histogram, no reducer, exact search, cosine, k = 5. */
    public static RetrievalSettings defaults() {
        return new RetrievalSettings("histogram", 32, 8, 1.0, "none", 16, "exact", 10, 50, "cosine", 5);
    }

    /** These settings with another extractor. */
    public RetrievalSettings withExtractor(String extractor) {
        return new RetrievalSettings(extractor, histogramBins, lbpPoints, lbpRadius, reducer, pcaComponents, index,
                lshTrees, lshCandidates, metric, k);
    }

    /** These settings with another number of histogram bins. */
    public RetrievalSettings withHistogramBins(int histogramBins) {
        return new RetrievalSettings(extractor, histogramBins, lbpPoints, lbpRadius, reducer, pcaComponents, index,
                lshTrees, lshCandidates, metric, k);
    }

    /** These settings with other LBP points and radius. */
    public RetrievalSettings withLbp(int lbpPoints, double lbpRadius) {
        return new RetrievalSettings(extractor, histogramBins, lbpPoints, lbpRadius, reducer, pcaComponents, index,
                lshTrees, lshCandidates, metric, k);
    }

    /** These settings with another reducer and PCA component count. */
    public RetrievalSettings withReducer(String reducer, int pcaComponents) {
        return new RetrievalSettings(extractor, histogramBins, lbpPoints, lbpRadius, reducer, pcaComponents, index,
                lshTrees, lshCandidates, metric, k);
    }

    /** These settings with another index and LSH Forest parameters. */
    public RetrievalSettings withIndex(String index, int lshTrees, int lshCandidates) {
        return new RetrievalSettings(extractor, histogramBins, lbpPoints, lbpRadius, reducer, pcaComponents, index,
                lshTrees, lshCandidates, metric, k);
    }

    /** These settings with another metric. */
    public RetrievalSettings withMetric(String metric) {
        return new RetrievalSettings(extractor, histogramBins, lbpPoints, lbpRadius, reducer, pcaComponents, index,
                lshTrees, lshCandidates, metric, k);
    }

    /** These settings with another number of matches per query. */
    public RetrievalSettings withK(int k) {
        return new RetrievalSettings(extractor, histogramBins, lbpPoints, lbpRadius, reducer, pcaComponents, index,
                lshTrees, lshCandidates, metric, k);
    }

    /** The extractor in {@link ComponentChoices} syntax, e.g. {@code histogram:32} or {@code lbp:8:1.0}. */
    public String extractorChoice() {
        return switch (extractor) {
            case "histogram" -> "histogram:" + histogramBins;
            case "lbp" -> "lbp:" + lbpPoints + ":" + String.format(Locale.ROOT, "%s", lbpRadius);
            default -> extractor;
        };
    }

    /** The reducer in the command line's syntax: {@code none}, {@code zscore} or {@code pca:N}. */
    public String reducerChoice() {
        return reducer.equals("pca") ? "pca:" + pcaComponents : reducer;
    }

    /** The reducer these settings name, or {@code null} for none. */
    public Reducer reducerComponent() {
        return switch (reducer) {
            case "zscore" -> Reducer.zScore();
            case "pca" -> Pca.components(pcaComponents);
            default -> null;
        };
    }

    /** Whether the pipeline must be fitted before indexing (it has a reducer or a trained extractor). */
    public boolean needsFit() {
        return !reducer.equals("none") || ComponentChoices.trains(extractorChoice());
    }

    /** The index factory these settings name. */
    public IndexFactory indexFactory() {
        return ComponentChoices.index(index.equals(LSH) ? LSH + ":" + lshTrees + ":" + lshCandidates : index);
    }

    /** A new pipeline builder with the chosen extractor, reducer, index and metric. */
    public RetrievalPipeline.Builder pipeline() {
        return RetrievalPipeline.builder()
                .extractor(ComponentChoices.extractor(extractorChoice()))
                .reducer(reducerComponent())
                .index(indexFactory())
                .similarity(ComponentChoices.metric(metric));
    }

    /**
     * Whether a pipeline indexed with {@code other} stores the same signatures in the same kind of
     * index as one indexed with these settings, so that only {@code k} differs and the GUI can
     * query it again instead of indexing anew.
     */
    public boolean indexesLike(RetrievalSettings other) {
        return other != null && withK(1).equals(other.withK(1));
    }

    private static void requireOneOf(String option, String value, List<String> allowed) {
        Objects.requireNonNull(value, option);
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("unknown " + option + " '" + value + "'; choose one of " + allowed);
        }
    }

    private static void requireRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be in " + min + ".." + max + ", got " + value);
        }
    }
}
