package org.cbir.core;

import java.util.Map;
import java.util.Optional;

/**
 * What the pipeline remembers of an indexed image besides its signature: where it came from, its
 * label, and the user's own data about it (a sample name, a beamline run, a date, the user's id
 * for the image), which every {@link Match} carries back and a {@link RecordFilter} can select on.
 *
 * @param id the id the pipeline gave the image when it was added
 * @param path its file path, or its name when it was added from memory
 * @param label its class label, or {@code null} when unlabelled
 * @param metadata the user's key/value pairs, sorted by key and immutable (keys follow
 *     {@link Metadata#requireKey}); empty when there are none
 */
public record ImageRecord(long id, String path, String label, Map<String, String> metadata) {

    /** @throws IllegalArgumentException if a metadata key or value is not allowed ({@link Metadata}) */
    public ImageRecord {
        metadata = Metadata.copyOf(metadata);
    }

    /** A record without metadata. */
    public ImageRecord(long id, String path, String label) {
        this(id, path, label, Map.of());
    }

    /** The metadata value under {@code key}, if the record has one. */
    public Optional<String> metadata(String key) {
        return Optional.ofNullable(metadata.get(key));
    }
}
