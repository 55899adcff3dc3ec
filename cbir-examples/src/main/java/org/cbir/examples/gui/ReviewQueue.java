package org.cbir.examples.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cbir.cluster.label.LabelSuggestions;
import org.cbir.core.internal.io.AtomicOutput;
import org.cbir.core.internal.io.CsvRows;
import org.cbir.core.internal.io.CsvText;

/**
 * The review queue of a {@code cbir label} output folder: its {@code suggestions.csv}, the
 * suggestions in the order written (least confident first), with labels the user may correct,
 * saved to {@code reviewed.csv} beside it (every image, its label, and source {@code reviewed}
 * where the user changed the suggestion), which {@code ImageCollection.fromCsv} reads as a
 * labelled collection. The user's {@code suggestions.csv} is never rewritten. Not thread-safe:
 * the event thread owns it.
 */
final class ReviewQueue {
    static final String SUGGESTIONS = "suggestions.csv";
    static final String REVIEWED = "reviewed.csv";

    /** One row of the file; {@code label} starts as the suggestion or the given label. */
    static final class Item {
        final String path;
        final String suggested;
        final String source;
        final String confidence;
        final String neighbors;
        String label;

        Item(String path, String label, String source, String confidence, String neighbors) {
            this.path = path;
            this.suggested = label;
            this.label = label;
            this.source = source;
            this.confidence = confidence;
            this.neighbors = neighbors;
        }

        boolean changed() {
            return !Objects.equals(label, suggested);
        }
    }

    private final Path folder;
    private final List<Item> given;
    private final List<Item> suggestions;

    private ReviewQueue(Path folder, List<Item> given, List<Item> suggestions) {
        this.folder = folder;
        this.given = given;
        this.suggestions = suggestions;
    }

    /**
     * Reads {@code folder/suggestions.csv}.
     *
     * @throws NoSuchFileException if the folder holds no suggestions.csv
     * @throws IllegalArgumentException if its header is not {@code cbir label}'s
     */
    static ReviewQueue load(Path folder) throws IOException {
        Path csv = folder.resolve(SUGGESTIONS);
        if (!Files.isRegularFile(csv)) {
            throw new NoSuchFileException(csv.toString(), null, csv + " does not exist: open a folder that `cbir label` wrote");
        }
        List<CsvRows.Row> rows = CsvRows.read(csv);
        if (rows.isEmpty() || !String.join(",", rows.get(0).fields()).equals(LabelSuggestions.CSV_HEADER)) {
            throw new IllegalArgumentException(csv + " is not a `cbir label` output: its header is not "
                    + LabelSuggestions.CSV_HEADER);
        }
        List<Item> given = new ArrayList<>();
        List<Item> suggested = new ArrayList<>();
        for (CsvRows.Row row : rows.subList(1, rows.size())) {
            List<String> f = new ArrayList<>(row.fields());
            while (f.size() < 5) {
                f.add("");
            }
            Item item = new Item(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4));
            (item.source.equals("suggested") ? suggested : given).add(item);
        }
        return new ReviewQueue(folder, List.copyOf(given), List.copyOf(suggested));
    }

    Path folder() {
        return folder;
    }

    /** The suggestions, least confident first. */
    List<Item> suggestions() {
        return suggestions;
    }

    /** How many suggestions the user changed. */
    long changedCount() {
        return suggestions.stream().filter(Item::changed).count();
    }

    /** Writes {@code reviewed.csv} into the folder (atomically) and returns its path. */
    Path save() throws IOException {
        StringBuilder csv = new StringBuilder(LabelSuggestions.CSV_HEADER).append('\n');
        for (Item i : given) {
            CsvText.line(csv, i.path, i.label, i.source, i.confidence, i.neighbors);
        }
        for (Item i : suggestions) {
            CsvText.line(csv, i.path, i.label == null ? "" : i.label, i.changed() ? "reviewed" : i.source,
                    i.changed() ? "1" : i.confidence, i.neighbors);
        }
        Path file = folder.resolve(REVIEWED);
        AtomicOutput.writeString(file, csv.toString());
        return file;
    }
}
