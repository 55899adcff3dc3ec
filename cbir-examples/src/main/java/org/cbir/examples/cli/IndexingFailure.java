package org.cbir.examples.cli;

import java.nio.file.Path;
import org.cbir.core.IndexingReport;

/** The check that an indexing run produced something worth saving. */
final class IndexingFailure {
    private IndexingFailure() {
    }

    /**
     * Throws (so that the command exits with status 1 and writes nothing) if every image of
     * {@code collection} was skipped.
     *
     * @param store the store that would have been written, or {@code null}
     */
    static void requireSomethingIndexed(IndexingReport report, Path collection, Path store) {
        if (report.added() == 0) {
            throw new IllegalStateException("nothing could be indexed from " + collection + ": all "
                    + report.skippedCount() + " images were skipped (see above)"
                    + (store != null ? "; " + store + " was not written" : ""));
        }
    }
}
