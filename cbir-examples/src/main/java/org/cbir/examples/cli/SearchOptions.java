package org.cbir.examples.cli;

import org.cbir.core.FeatureExtractor;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.extract.FirstOrderStatistics;
import picocli.CommandLine.Option;

/** The retrieval options that {@code demo} and {@code search} share. */
final class SearchOptions {
    @Option(names = {"-k", "--results"}, defaultValue = "5", description = "Matches per query (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--bins", defaultValue = "32",
            description = "Histogram bins appended to the first-order statistics (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--threads", description = "Extraction threads (default: all processors).")
    Integer threads;

    FeatureExtractor extractor() {
        return FirstOrderStatistics.withHistogram(bins);
    }

    RetrievalPipeline.Builder pipeline() {
        RetrievalPipeline.Builder builder = RetrievalPipeline.builder().extractor(extractor());
        if (threads != null) {
            builder.threads(threads);
        }
        return builder;
    }
}
