package org.cbir.core;

/**
 * One ranked answer to a query.
 *
 * @param rank 1 for the closest match
 * @param id the id the pipeline gave the image when it was added
 * @param path the image's file path, or the name it was added under when it came from memory
 * @param label its class label, or {@code null} when the collection is unlabelled
 * @param distance its distance to the query under the pipeline's {@link Similarity}; smaller is closer
 */
public record Match(int rank, long id, String path, String label, double distance) {
}
