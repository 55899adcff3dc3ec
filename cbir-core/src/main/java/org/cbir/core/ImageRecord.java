package org.cbir.core;

/**
 * What the pipeline remembers of an indexed image besides its signature.
 *
 * @param id the id given when it was added
 * @param path its file path, or its name when it was added from memory
 * @param label its class label, or {@code null} when unlabelled
 */
public record ImageRecord(long id, String path, String label) {
}
