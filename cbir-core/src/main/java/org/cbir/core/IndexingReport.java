package org.cbir.core;

import java.time.Duration;
import java.util.List;

/**
 * What {@code addAll} did: how many images it indexed and which it skipped, and why.
 *
 * @param added images indexed
 * @param skipped the images that could not be read or used, in collection order
 * @param elapsed wall-clock time of the whole call
 */
public record IndexingReport(int added, List<SkippedImage> skipped, Duration elapsed) {

    public IndexingReport {
        skipped = List.copyOf(skipped);
    }

    /** How many images were skipped. */
    public int skippedCount() {
        return skipped.size();
    }

    /** An image left out of the index. */
    public record SkippedImage(String path, String reason) {
    }
}
