package org.cbir.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rules for the user's metadata on an image ({@link ImageRecord#metadata()}): keys are
 * identifiers ({@code [A-Za-z][A-Za-z0-9_]*}, so that every index engine can hold them as field
 * names) other than the reserved {@value #LABEL} and {@value #PATH}; values are one line of text,
 * never null. A CSV column named {@code id} is stored here like any other, as the user's own id
 * for the image (the pipeline's {@code long} ids stay its own).
 */
public final class Metadata {
    /** The key that a {@link RecordFilter} reads as the image's label. */
    public static final String LABEL = "label";
    /** Reserved: the image's path is not metadata. */
    public static final String PATH = "path";

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Set<String> RESERVED = Set.of(LABEL, PATH);

    private Metadata() {
    }

    /**
     * An immutable copy of {@code metadata} sorted by key.
     *
     * @throws IllegalArgumentException if a key or value breaks the rules above
     */
    public static Map<String, String> copyOf(Map<String, String> metadata) {
        Objects.requireNonNull(metadata, "metadata");
        if (metadata.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        metadata.forEach((key, value) -> sorted.put(requireKey(key), requireValue(key, value)));
        return Collections.unmodifiableMap(sorted);
    }

    /**
     * Returns {@code key} if it is a valid metadata key.
     *
     * @throws IllegalArgumentException naming the key when it is reserved or not an identifier
     */
    public static String requireKey(String key) {
        Objects.requireNonNull(key, "metadata key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("metadata key '" + key + "' must match " + KEY.pattern());
        }
        if (RESERVED.contains(key)) {
            throw new IllegalArgumentException("'" + key + "' is reserved and cannot be a metadata key");
        }
        return key;
    }

    private static String requireValue(String key, String value) {
        Objects.requireNonNull(value, () -> "value of metadata key '" + key + "'");
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("value of metadata key '" + key + "' must be one line");
        }
        return value;
    }
}
