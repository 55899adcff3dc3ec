package org.cbir.cli;

import org.cbir.core.RetrievalPipeline;
import picocli.CommandLine.Option;

/**
 * The retrieval options that {@code demo}, {@code search} and {@code evaluate} share; public so
 * that {@code cbir-spark}'s commands take the same options with the same meaning.
 */
public final class SearchOptions {
    @Option(names = {"-k", "--results"}, defaultValue = "5", description = "Matches per query (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = {"-e", "--extractor"}, defaultValue = "histogram:32",
            description = "Signature: " + ComponentChoices.EXTRACTORS + " (default: ${DEFAULT-VALUE}).")
    String extractor;

    @Option(names = {"-m", "--metric"}, defaultValue = "cosine",
            description = "Distance: cosine, euclidean, city-block, chebyshev, pearson, chi-square, kullback-leibler,"
                    + " jeffrey, kolmogorov-smirnov, cramer-von-mises, earth-movers (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = {"-r", "--reducer"}, defaultValue = "auto",
            description = "Signature reduction: auto (for histogram and glcm, whose dimensions have different units:"
                    + " z-score, or min-max to 0..1 for the histogram metrics; none for the others), none, zscore,"
                    + " min-max, pca:N, pca:SHARE (default: ${DEFAULT-VALUE}).")
    String reducer;

    @Option(names = {"-i", "--index"}, defaultValue = "exact", completionCandidates = ComponentChoices.IndexChoices.class,
            description = "Index: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String index;

    @Option(names = "--threads", description = "Extraction threads (default: all processors).")
    Integer threads;

    /** Whether the chosen pipeline needs {@code fit} before indexing: a trained extractor or a reducer. */
    public boolean needsFit() {
        return ComponentChoices.trains(extractor) || ComponentChoices.reducer(reducer, extractor, metric) != null;
    }

    /** The matches per query, checked. */
    public int k() {
        return ComponentChoices.results(k, "-k");
    }

    /** The {@code --extractor} choice, as given. */
    public String extractor() {
        return extractor;
    }

    /** The {@code --metric} choice, as given. */
    public String metric() {
        return metric;
    }

    /** The {@code --reducer} choice, as given. */
    public String reducer() {
        return reducer;
    }

    /** The {@code --index} choice, as given. */
    public String index() {
        return index;
    }

    /**
     * The builder of the pipeline the options name: extractor, metric, reducer, index and threads.
     *
     * @throws IllegalArgumentException naming the option whose value is out of range or unknown
     */
    public RetrievalPipeline.Builder pipeline() {
        if (threads != null && (threads < 1 || threads > 4096)) {
            throw new IllegalArgumentException("--threads " + threads + " is out of range: give 1 to 4096");
        }
        RetrievalPipeline.Builder builder = RetrievalPipeline.builder()
                .extractor(ComponentChoices.extractor(extractor))
                .similarity(ComponentChoices.metric(metric))
                .reducer(ComponentChoices.reducer(reducer, extractor, metric))
                .index(ComponentChoices.index(index));
        if (threads != null) {
            builder.threads(threads);
        }
        return builder;
    }
}
