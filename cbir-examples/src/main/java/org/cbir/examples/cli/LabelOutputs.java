package org.cbir.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cbir.cli.JsonResults;
import org.cbir.cluster.label.IsotonicCalibration;
import org.cbir.cluster.label.LabelAccuracy;
import org.cbir.cluster.label.LabelSuggestions;
import org.cbir.cluster.label.Suggestion;
import org.cbir.core.Match;
import org.cbir.core.Prediction;
import org.cbir.core.QueryResult;
import org.cbir.core.image.Images;
import org.cbir.core.internal.io.AtomicOutput;
import org.cbir.eval.sheet.ResultSheet;

/** The report, review sheet and JSON of {@code cbir label}. */
record LabelOutputs(Path collection, IndexedCollection indexed, LabelSuggestions suggestions, LabelAccuracy accuracy,
        Map<Long, String> truths) {

    void writeReport(Path file, Double keepLabels, long seed) throws IOException {
        StringBuilder md = new StringBuilder("# Label suggestions\n\n");
        md.append(String.format(Locale.ROOT, "- collection: %s (%d images indexed, %d skipped)%n", collection,
                indexed.report().added(), indexed.report().skippedCount()));
        md.append("- pipeline: ").append(indexed.pipeline().describe()).append('\n');
        md.append("- method: ").append(suggestions.method().name().toLowerCase(Locale.ROOT)).append('\n');
        if (keepLabels != null) {
            md.append(String.format(Locale.ROOT, "- labels kept: %.4g of each class (seed %d, stratified); the others were hidden%n",
                    keepLabels, seed));
        }
        md.append(String.format(Locale.ROOT, "- labelled images: %d; suggestions: %d%n%n", suggestions.labelled().size(),
                suggestions.suggestions().size()));
        if (accuracy != null) {
            md.append("## Accuracy against the hidden labels\n\n").append(accuracy.toMarkdown()).append('\n');
        }
        md.append("## Calibration\n\nRaw score to confidence, fitted (isotonic regression) on ")
                .append(suggestions.calibration().sampleSize())
                .append(" held-aside labelled images:\n\n| raw score from | confidence | held-aside images |\n|---:|---:|---:|\n");
        for (IsotonicCalibration.Step s : suggestions.calibration().steps()) {
            md.append(String.format(Locale.ROOT, "| %.4f | %.4f | %d |%n", s.fromScore(), s.probability(), s.count()));
        }
        md.append("\nFiles: `suggestions.csv` (path,label,source,confidence,nearest_labelled; `cbir` reads it as a labelled"
                + " collection), `review-sheet.png` (the least confident suggestions with their nearest labelled images)"
                + (accuracy != null ? ", `label-accuracy.csv`" : "") + ".\n");
        AtomicOutput.writeString(file, md.toString());
    }

    /** The first {@code rows} of the review queue, each with its nearest labelled images; frames compare with the hidden label when known. */
    void writeSheet(Path png, int rows, int matches) throws IOException {
        List<ResultSheet.Row> sheet = new ArrayList<>();
        for (Suggestion s : suggestions.reviewQueue().subList(0, Math.min(rows, suggestions.suggestions().size()))) {
            int votes = (int) s.labelledNeighbours().stream().filter(m -> s.label().equals(m.label())).count();
            QueryResult result = new QueryResult(s.labelledNeighbours(),
                    Optional.of(new Prediction(s.label(), s.confidence(), votes)));
            sheet.add(new ResultSheet.Row(s.image().path(), Images.read(Path.of(s.image().path())),
                    truths.get(s.image().id()), result));
        }
        ResultSheet.builder().maxMatches(Math.max(1, matches)).build().write(sheet, png);
    }

    String toJson() {
        StringBuilder json = new StringBuilder("{\"method\": ")
                .append(JsonResults.string(suggestions.method().name().toLowerCase(Locale.ROOT)));
        if (accuracy != null) {
            json.append(", \"accuracy\": ").append(number(accuracy.overall().accuracy()))
                    .append(", \"expected_calibration_error\": ").append(number(accuracy.expectedCalibrationError()));
        }
        json.append(", \"review_queue\": [");
        List<Suggestion> queue = suggestions.reviewQueue();
        for (int i = 0; i < queue.size(); i++) {
            Suggestion s = queue.get(i);
            json.append(i == 0 ? "\n  " : ",\n  ").append("{\"path\": ").append(JsonResults.string(s.image().path()))
                    .append(", \"label\": ").append(JsonResults.string(s.label()))
                    .append(", \"confidence\": ").append(number(s.confidence()))
                    .append(", \"score\": ").append(number(s.score()));
            String truth = truths.get(s.image().id());
            if (truth != null) {
                json.append(", \"hidden_label\": ").append(JsonResults.string(truth));
            }
            json.append(", \"nearest_labelled\": [");
            List<Match> near = s.labelledNeighbours();
            for (int j = 0; j < near.size(); j++) {
                Match m = near.get(j);
                json.append(j == 0 ? "" : ", ").append("{\"path\": ").append(JsonResults.string(m.path()))
                        .append(", \"label\": ").append(JsonResults.string(m.label()))
                        .append(", \"distance\": ").append(number(m.distance())).append('}');
            }
            json.append("]}");
        }
        return json.append(queue.isEmpty() ? "]}" : "\n]}").toString();
    }

    static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }
}
