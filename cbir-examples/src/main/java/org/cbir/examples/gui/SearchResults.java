package org.cbir.examples.gui;

import java.util.List;
import java.util.Objects;
import org.cbir.core.RetrievalPipeline;

/**
 * What a search produced: a row per query, the pipeline that answered (to save as a store), and a
 * summary line. Immutable apart from the pipeline, which is thread-safe.
 *
 * @param rows one per query, in the order the queries were given
 * @param pipeline the indexed pipeline that answered them
 * @param summary what was indexed or loaded, e.g. {@code "indexed 200 images (0 skipped) in 300 ms"}
 */
public record SearchResults(List<QueryRow> rows, RetrievalPipeline pipeline, String summary) {

    /** Copies the rows. */
    public SearchResults {
        rows = List.copyOf(rows);
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(summary, "summary");
    }

    /** How many rows have a known label and a prediction that matches it. */
    public long correctPredictions() {
        return rows.stream().filter(r -> r.predictedCorrectly().orElse(false)).count();
    }

    /** How many rows have a known label and a prediction. */
    public long judgedPredictions() {
        return rows.stream().filter(r -> r.predictedCorrectly().isPresent()).count();
    }
}
