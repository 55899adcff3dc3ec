package org.cbir.core.collection;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered, immutable list of {@link ImageEntry}s with their labels: a database to index, a
 * set of queries, or a training set. Holds paths and labels, not pixels.
 */
public final class ImageCollection implements Iterable<ImageEntry> {
    private final List<ImageEntry> entries;

    private ImageCollection(List<ImageEntry> entries) {
        this.entries = entries;
    }

    /** A collection of the given entries, in their order. */
    public static ImageCollection of(List<? extends ImageEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        return new ImageCollection(List.copyOf(entries));
    }

    /** The entries in collection order (unmodifiable). */
    public List<ImageEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The distinct labels in order of first appearance; empty when unlabelled. */
    public Set<String> labels() {
        Set<String> labels = new LinkedHashSet<>();
        for (ImageEntry e : entries) {
            if (e.label() != null) {
                labels.add(e.label());
            }
        }
        return labels;
    }

    /** Whether every entry has a label (and there is at least one entry). */
    public boolean isLabelled() {
        return !entries.isEmpty() && entries.stream().allMatch(e -> e.label() != null);
    }

    @Override
    public Iterator<ImageEntry> iterator() {
        return entries.iterator();
    }
}
