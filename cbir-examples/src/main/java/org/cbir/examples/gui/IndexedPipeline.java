package org.cbir.examples.gui;

import java.util.Objects;
import java.util.Set;
import org.cbir.core.RetrievalPipeline;

/**
 * A pipeline the GUI indexed or loaded, with what it was made from, so that a later search with
 * the same database and signature options queries it again instead of indexing anew. Immutable
 * apart from the pipeline, which is thread-safe.
 *
 * @param source the database it holds
 * @param settings the options it was built with; for a store, the options of the search that loaded it
 * @param pipeline the fitted, indexed pipeline
 * @param labels the labels of its images (to label single query files by their folder)
 * @param summary what was indexed or loaded, for the status line
 */
record IndexedPipeline(DatabaseSource source, RetrievalSettings settings, RetrievalPipeline pipeline,
                       Set<String> labels, String summary) {

    IndexedPipeline {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(pipeline, "pipeline");
        labels = Set.copyOf(labels);
        Objects.requireNonNull(summary, "summary");
    }

    /**
     * Whether a search of {@code source} with {@code wanted} can use this pipeline: the same store
     * (a store's options are its own), or the same images indexed with the same signature, reducer,
     * index and metric.
     */
    boolean serves(DatabaseSource source, RetrievalSettings wanted) {
        return this.source.equals(source) && (source.isStore() || settings.indexesLike(wanted));
    }
}
