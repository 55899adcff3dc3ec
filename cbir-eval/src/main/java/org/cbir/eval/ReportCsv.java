package org.cbir.eval;

import static org.cbir.eval.ReportFiles.exact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes an {@link EvaluationReport} as the CSV files that {@link EvaluationReport#writeCsv} documents. */
final class ReportCsv {
    private ReportCsv() {
    }

    static List<Path> write(EvaluationReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        written.add(file(directory, "configuration.csv", configuration(report)));
        written.add(file(directory, "map.csv", averagePrecision(report)));
        written.add(file(directory, "k-accuracy.csv", kAccuracy(report)));
        written.add(file(directory, "precision-recall.csv", curves(report.curves())));
        for (ConfusionMatrix m : report.confusion()) {
            written.add(file(directory, "confusion-k_" + m.cutoff().asciiName() + ".csv", confusion(m)));
        }
        return written;
    }

    private static Path file(Path directory, String name, String text) throws IOException {
        Path file = directory.resolve(name);
        ReportFiles.writeAtomically(file, text);
        return file;
    }

    private static String configuration(EvaluationReport report) {
        EvaluationSettings s = report.settings();
        EvaluationCounts n = report.counts();
        StringBuilder csv = new StringBuilder("key,value\n");
        line(csv, "pipeline", report.pipeline());
        line(csv, "fit_fraction", Double.toString(s.fitFraction()));
        line(csv, "seed", Long.toString(s.seed()));
        line(csv, "cutoffs", String.join(" ", s.cutoffs().stream().map(Cutoff::asciiName).toList()));
        line(csv, "include_self", Boolean.toString(s.includeSelf()));
        line(csv, "ties_count_as_correct", Boolean.toString(s.tiesCountAsCorrect()));
        line(csv, "threads", Integer.toString(s.threads()));
        line(csv, "images", Integer.toString(n.collection()));
        line(csv, "fitting_images", Integer.toString(n.fitting()));
        line(csv, "evaluated_images", Integer.toString(n.evaluated()));
        line(csv, "unusable_images", Integer.toString(n.skipped()));
        line(csv, "queries", Integer.toString(n.queries()));
        line(csv, "queries_without_relevant", Integer.toString(n.queriesWithoutRelevant()));
        line(csv, "elapsed_seconds", Double.toString(report.elapsed().toNanos() / 1e9));
        return csv.toString();
    }

    private static String averagePrecision(EvaluationReport report) {
        StringBuilder csv = new StringBuilder("class,queries,relevant,average_precision\n");
        for (ClassScores c : report.classes()) {
            line(csv, c.label(), Integer.toString(c.queries()), Integer.toString(c.relevant()),
                    exact(c.averagePrecision()));
        }
        line(csv, "all", Integer.toString(report.counts().queries()), "", exact(report.map()));
        return csv.toString();
    }

    private static String kAccuracy(EvaluationReport report) {
        List<String> header = new ArrayList<>(List.of("class"));
        report.settings().cutoffs().forEach(k -> header.add("k_" + k.asciiName()));
        StringBuilder csv = new StringBuilder();
        line(csv, header.toArray(String[]::new));
        for (ClassScores c : report.classes()) {
            line(csv, row(c.label(), c.kAccuracy()));
        }
        line(csv, row("all", report.kAccuracy()));
        return csv.toString();
    }

    private static String curves(PrecisionRecallCurves curves) {
        List<String> header = new ArrayList<>(List.of("k", "precision", "recall"));
        curves.classes().forEach(c -> {
            header.add("precision_" + c);
            header.add("recall_" + c);
        });
        StringBuilder csv = new StringBuilder();
        line(csv, header.toArray(String[]::new));
        for (int k = 1; k <= curves.length(); k++) {
            List<String> cells = new ArrayList<>(header.size());
            cells.add(Integer.toString(k));
            cells.add(exact(curves.precision(k)));
            cells.add(exact(curves.recall(k)));
            for (String c : curves.classes()) {
                cells.add(exact(curves.precision(c, k)));
                cells.add(exact(curves.recall(c, k)));
            }
            line(csv, cells.toArray(String[]::new));
        }
        return csv.toString();
    }

    private static String confusion(ConfusionMatrix m) {
        List<String> header = new ArrayList<>(List.of("true\\predicted"));
        header.addAll(m.classes());
        StringBuilder csv = new StringBuilder();
        line(csv, header.toArray(String[]::new));
        for (int i = 0; i < m.classes().size(); i++) {
            List<String> cells = new ArrayList<>(List.of(m.classes().get(i)));
            for (int j = 0; j < m.classes().size(); j++) {
                cells.add(Long.toString(m.count(i, j)));
            }
            line(csv, cells.toArray(String[]::new));
        }
        return csv.toString();
    }

    private static String[] row(String first, List<Double> values) {
        String[] cells = new String[values.size() + 1];
        cells[0] = first;
        for (int i = 0; i < values.size(); i++) {
            cells[i + 1] = exact(values.get(i));
        }
        return cells;
    }

    private static void line(StringBuilder csv, String... cells) {
        org.cbir.core.internal.io.CsvText.line(csv, cells);
    }

    /** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled. */
    static String quote(String cell) {
        return org.cbir.core.internal.io.CsvText.quote(cell);
    }
}
