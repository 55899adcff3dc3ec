package org.cbir.core;

import java.util.Map;

/**
 * One ranked answer to a query.
 *
 * @param rank 1 for the closest match
 * @param id the id the pipeline gave the image when it was added
 * @param path the image's file path, or the name it was added under when it came from memory
 * @param label its class label, or {@code null} when the collection is unlabelled
 * @param distance its distance to the query under the pipeline's {@link Similarity}; smaller is closer
 * @param metadata the user's metadata stored with the image ({@link ImageRecord#metadata()});
 *     empty when it has none
 */
public record Match(int rank, long id, String path, String label, double distance, Map<String, String> metadata) {

    public Match {
        metadata = Metadata.copyOf(metadata);
    }

    /** A match without metadata. */
    public Match(int rank, long id, String path, String label, double distance) {
        this(rank, id, path, label, distance, Map.of());
    }
}
