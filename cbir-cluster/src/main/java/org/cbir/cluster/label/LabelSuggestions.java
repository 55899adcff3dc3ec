package org.cbir.cluster.label;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.cbir.core.ImageRecord;
import org.cbir.core.Match;
import org.cbir.core.internal.io.AtomicOutput;
import org.cbir.core.internal.io.CsvText;

/**
 * What {@link LabelSuggester#suggest} found: a suggestion per unlabelled image, the labelled
 * images it started from and the calibration it fitted. Immutable.
 *
 * @param method how the labels were suggested
 * @param labelled the labelled images (the seeds)
 * @param suggestions one per unlabelled image, in the order of the records given
 * @param calibration the map from raw score to confidence, fitted on held-aside labelled images
 */
public record LabelSuggestions(SuggestionMethod method, List<ImageRecord> labelled, List<Suggestion> suggestions,
        IsotonicCalibration calibration) {

    /** The CSV header that {@link #writeCsv} writes; {@code ImageCollection.fromCsv} reads the first two columns. */
    public static final String CSV_HEADER = "path,label,source,confidence,nearest_labelled";

    public LabelSuggestions {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(calibration, "calibration");
        labelled = List.copyOf(labelled);
        suggestions = List.copyOf(suggestions);
    }

    /** The suggestions least confident first (then by raw score, then by id): the order to review them in. */
    public List<Suggestion> reviewQueue() {
        List<Suggestion> queue = new ArrayList<>(suggestions);
        queue.sort(Comparator.comparingDouble(Suggestion::confidence).thenComparingDouble(Suggestion::score)
                .thenComparingLong(s -> s.image().id()));
        return queue;
    }

    /**
     * Writes every image with its label as CSV, {@value #CSV_HEADER}: first the labelled images
     * (source {@code given}, confidence 1), then the suggestions in review order (source
     * {@code suggested}); the last column lists the nearest labelled images as
     * {@code path (label, distance)} separated by {@code "; "}. Paths are written as recorded;
     * {@code ImageCollection.fromCsv} reads the file back as a fully labelled collection. The
     * file is replaced atomically.
     */
    public void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (ImageRecord r : labelled) {
            CsvText.line(csv, r.path(), r.label(), "given", "1", "");
        }
        for (Suggestion s : reviewQueue()) {
            CsvText.line(csv, s.image().path(), s.label(), "suggested",
                    String.format(Locale.ROOT, "%.4f", s.confidence()), neighbors(s.labelledNeighbours()));
        }
        AtomicOutput.writeString(file, csv.toString());
    }

    private static String neighbors(List<Match> matches) {
        return matches.stream().map(m -> String.format(Locale.ROOT, "%s (%s, %.4g)", m.path(), m.label(), m.distance()))
                .collect(Collectors.joining("; "));
    }
}
