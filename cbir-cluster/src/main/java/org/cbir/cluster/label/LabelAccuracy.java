package org.cbir.cluster.label;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.cbir.core.internal.io.AtomicOutput;
import org.cbir.core.internal.io.CsvText;

/**
 * How right suggestions were, measured against the true labels of the images they were made
 * for (labels that were hidden on purpose): overall, per confidence bucket, and among the
 * suggestions at or above each confidence threshold, which is what calibration promises
 * (suggestions with confidence at least c are right at least c of the time). Immutable.
 *
 * @param overall all suggestions that had a true label
 * @param buckets confidence in [0, 0.5), [0.5, 0.6), ..., [0.9, 1]
 * @param thresholds confidence at least 0.5, 0.6, 0.7, 0.8, 0.9, 0.95
 */
public record LabelAccuracy(ConfidenceBucket overall, List<ConfidenceBucket> buckets, List<ConfidenceBucket> thresholds) {
    private static final double[] EDGES = {0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    private static final double[] THRESHOLDS = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
    /** Threshold rows with fewer suggestions than this do not count towards {@link #calibrationShortfall}. */
    public static final int MIN_COUNT_FOR_SHORTFALL = 20;

    public LabelAccuracy {
        Objects.requireNonNull(overall, "overall");
        buckets = List.copyOf(buckets);
        thresholds = List.copyOf(thresholds);
    }

    /**
     * Scores the suggestions whose image has a true label in {@code truths} (by image id); the
     * others are left out.
     */
    public static LabelAccuracy of(List<Suggestion> suggestions, Map<Long, String> truths) {
        List<Suggestion> judged = suggestions.stream().filter(s -> truths.get(s.image().id()) != null).toList();
        List<ConfidenceBucket> buckets = new ArrayList<>();
        for (int b = 0; b + 1 < EDGES.length; b++) {
            double from = EDGES[b];
            double to = EDGES[b + 1];
            boolean last = b + 2 == EDGES.length;
            buckets.add(bucket(judged, truths, from, to, c -> c >= from && (c < to || (last && c <= to))));
        }
        List<ConfidenceBucket> thresholds = new ArrayList<>();
        for (double t : THRESHOLDS) {
            thresholds.add(bucket(judged, truths, t, 1.0, c -> c >= t));
        }
        return new LabelAccuracy(bucket(judged, truths, 0, 1, c -> true), buckets, thresholds);
    }

    private static ConfidenceBucket bucket(List<Suggestion> judged, Map<Long, String> truths, double from, double to,
            java.util.function.DoublePredicate in) {
        int count = 0;
        int correct = 0;
        double sum = 0;
        for (Suggestion s : judged) {
            if (in.test(s.confidence())) {
                count++;
                sum += s.confidence();
                correct += s.label().equals(truths.get(s.image().id())) ? 1 : 0;
            }
        }
        return new ConfidenceBucket(from, to, count, correct, count == 0 ? Double.NaN : sum / count);
    }

    /**
     * The largest amount by which a threshold's accuracy falls short of the threshold, among
     * thresholds with at least {@value #MIN_COUNT_FOR_SHORTFALL} suggestions; 0 or less when
     * every threshold keeps its promise.
     */
    public double calibrationShortfall() {
        double worst = Double.NEGATIVE_INFINITY;
        for (ConfidenceBucket t : thresholds) {
            if (t.count() >= MIN_COUNT_FOR_SHORTFALL) {
                worst = Math.max(worst, t.from() - t.accuracy());
            }
        }
        return worst == Double.NEGATIVE_INFINITY ? 0 : worst;
    }

    /** The expected calibration error: the bucket-size-weighted mean of |accuracy - mean confidence|. */
    public double expectedCalibrationError() {
        double total = 0;
        for (ConfidenceBucket b : buckets) {
            if (b.count() > 0) {
                total += b.count() * Math.abs(b.accuracy() - b.meanConfidence());
            }
        }
        return overall.count() == 0 ? Double.NaN : total / overall.count();
    }

    /** Writes {@code kind,from,to,count,correct,accuracy,mean_confidence}: one {@code all} row, the buckets, the thresholds. */
    public void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("kind,from,to,count,correct,accuracy,mean_confidence\n");
        row(csv, "all", overall);
        buckets.forEach(b -> row(csv, "bucket", b));
        thresholds.forEach(t -> row(csv, "at-least", t));
        AtomicOutput.writeString(file, csv.toString());
    }

    private static void row(StringBuilder csv, String kind, ConfidenceBucket b) {
        CsvText.line(csv, kind, number(b.from()), number(b.to()), Integer.toString(b.count()),
                Integer.toString(b.correct()), number(b.accuracy()), number(b.meanConfidence()));
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** Markdown tables of the same figures, for a report. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Accuracy of the %d suggestions against the hidden labels: **%.4f**"
                + " (expected calibration error %.4f, largest shortfall of a threshold %.4f)%n%n", overall.count(),
                overall.accuracy(), expectedCalibrationError(), calibrationShortfall()));
        md.append("| confidence | suggestions | right | accuracy | mean confidence |\n|---|---:|---:|---:|---:|\n");
        for (ConfidenceBucket b : buckets) {
            md.append(String.format(Locale.ROOT, "| %.1f-%.1f | %d | %d | %s | %s |%n", b.from(), b.to(), b.count(),
                    b.correct(), cell(b.accuracy()), cell(b.meanConfidence())));
        }
        md.append("\n| confidence at least | suggestions | right | accuracy |\n|---|---:|---:|---:|\n");
        for (ConfidenceBucket t : thresholds) {
            md.append(String.format(Locale.ROOT, "| %.2f | %d | %d | %s |%n", t.from(), t.count(), t.correct(),
                    cell(t.accuracy())));
        }
        return md.toString();
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
