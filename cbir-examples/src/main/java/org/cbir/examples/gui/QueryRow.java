package org.cbir.examples.gui;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cbir.core.Match;
import org.cbir.core.QueryResult;

/**
 * One row of the results: a query, its thumbnail, and its ranked matches with theirs. Made on a
 * worker thread and then only read. The thumbnails are shared with the view and must not be drawn on.
 *
 * @param path the query file
 * @param label the query's label, or {@code null} when unknown (then matches are not judged)
 * @param thumbnail the query's thumbnail
 * @param result its matches and predicted label
 * @param matchThumbnails one per match, in rank order; an element is {@code null} when that
 *     match's image could not be read
 */
public record QueryRow(Path path, String label, BufferedImage thumbnail, QueryResult result,
                       List<BufferedImage> matchThumbnails) {

    /** How a match compares with its query's label. */
    public enum Verdict {
        /** Same label as the query: a green frame. */
        SAME,
        /** Another label: a red frame. */
        OTHER,
        /** The query's or the match's label is unknown: a grey frame. */
        UNKNOWN
    }

    /**
     * @throws IllegalArgumentException if there is not one thumbnail slot per match
     */
    public QueryRow {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(thumbnail, "thumbnail");
        Objects.requireNonNull(result, "result");
        if (matchThumbnails.size() != result.matches().size()) {
            throw new IllegalArgumentException("one thumbnail per match: " + matchThumbnails.size() + " for "
                    + result.matches().size() + " matches");
        }
        matchThumbnails = Collections.unmodifiableList(new ArrayList<>(matchThumbnails));
    }

    /** Whether {@code match} has the query's label, another, or either is unknown. */
    public Verdict verdict(Match match) {
        if (label == null || match.label() == null) {
            return Verdict.UNKNOWN;
        }
        return label.equals(match.label()) ? Verdict.SAME : Verdict.OTHER;
    }

    /** Whether the predicted label is the query's own; empty when either is unknown. */
    public Optional<Boolean> predictedCorrectly() {
        if (label == null) {
            return Optional.empty();
        }
        return result.prediction().map(p -> p.label().equals(label));
    }

    /** The query's file name. */
    public String name() {
        Path file = path.getFileName();
        return file == null ? path.toString() : file.toString();
    }
}
