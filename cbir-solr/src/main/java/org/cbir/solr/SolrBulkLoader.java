package org.cbir.solr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.cbir.core.ProgressListener;
import org.cbir.core.RetrievalPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a saved store into a SolrCloud collection: every stored signature, with its image's id,
 * path, label and metadata, is sent in batches of {@link SolrOptions#batchSize()} (each retried
 * as {@link SolrOptions#retries()} says), and a new store is saved whose manifest refers to the
 * collection instead of holding the vectors. The saved store is only read. Stateless.
 */
public final class SolrBulkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SolrBulkLoader.class);

    private SolrBulkLoader() {
    }

    /**
     * Loads {@code store} into {@code target}'s collection (which must exist, be empty and have
     * the store's dimension) and saves the pipeline that searches it to {@code output}.
     * Progress is reported per image.
     *
     * @return the pipeline on the collection, as saved to {@code output}
     * @throws IOException if {@code store} cannot be read or {@code output} written
     * @throws IllegalArgumentException if {@code output} exists and is not an empty directory
     *     (nothing is ever overwritten)
     * @throws SolrIndexException naming the collection and hosts if it refuses or stops answering
     */
    public static RetrievalPipeline load(Path store, SolrIndexFactory target, Path output, ProgressListener progress)
            throws IOException {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(progress, "progress");
        if (Files.exists(output) && !isEmptyDirectory(output)) {
            throw new IllegalArgumentException("the output " + output + " exists; choose a new directory for the"
                    + " store on " + target.target());
        }
        long started = System.nanoTime();
        RetrievalPipeline saved = RetrievalPipeline.load(store);
        RetrievalPipeline onSolr = saved.withIndex(target, progress);
        onSolr.save(output);
        LOG.info("loaded {} images of {} into {} in {} ms; store {} refers to it", onSolr.size(), store,
                target.target(), (System.nanoTime() - started) / 1_000_000, output);
        return onSolr;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
