package org.cbir.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cbir.core.internal.Durations;

/**
 * The result of an {@link Evaluation}: MAP and k-accuracy per class (the paper's Tables 3 to 6:
 * classes as rows, k as columns), precision and recall curves, confusion matrices, and what
 * produced them. Immutable and thread-safe.
 *
 * @param pipeline the pipeline's {@link org.cbir.core.RetrievalPipeline#describe() description}
 * @param settings the evaluation's settings
 * @param counts the images used at each step
 * @param classes per class, sorted by label
 * @param map the mean of AP over all queries that have relevant images (classes weigh by their
 *     number of queries)
 * @param kAccuracy per cutoff of the settings: the share of all queries classified correctly
 * @param curves precision@k and recall@k
 * @param confusion one matrix per cutoff of the settings, in their order
 * @param elapsed the wall-clock time of the whole evaluation, fitting and indexing included
 */
public record EvaluationReport(String pipeline, EvaluationSettings settings, EvaluationCounts counts,
                               List<ClassScores> classes, double map, List<Double> kAccuracy,
                               PrecisionRecallCurves curves, List<ConfusionMatrix> confusion, Duration elapsed) {

    /** Copies the lists. */
    public EvaluationReport {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(curves, "curves");
        Objects.requireNonNull(elapsed, "elapsed");
        classes = List.copyOf(classes);
        kAccuracy = List.copyOf(kAccuracy);
        confusion = List.copyOf(confusion);
    }

    /** The scores of the class {@code label}. */
    public ClassScores scoresOf(String label) {
        return classes.stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no class '" + label + "' in the report; its classes are "
                        + classes.stream().map(ClassScores::label).toList()));
    }

    /** The overall k-accuracy at {@code cutoff}, which must be one of the settings' cutoffs. */
    public double kAccuracy(Cutoff cutoff) {
        return kAccuracy.get(indexOf(cutoff));
    }

    /** The k-accuracy of class {@code label} at {@code cutoff}. */
    public double kAccuracy(String label, Cutoff cutoff) {
        return scoresOf(label).kAccuracy().get(indexOf(cutoff));
    }

    /** The confusion matrix at {@code cutoff}. */
    public ConfusionMatrix confusion(Cutoff cutoff) {
        return confusion.get(indexOf(cutoff));
    }

    /** The report as Markdown: configuration, then MAP, k-accuracy, curves and confusion tables. */
    public String toMarkdown() {
        return ReportMarkdown.render(this);
    }

    /** Writes {@link #toMarkdown()} to {@code file} (UTF-8), through a temporary file renamed into place. */
    public void writeMarkdown(Path file) throws IOException {
        ReportFiles.writeAtomically(file, toMarkdown());
    }

    /**
     * Writes the report as CSV files (UTF-8, comma-separated, a header row, RFC 4180 quoting)
     * into {@code directory}, which is created if needed; existing files of the same names are
     * replaced, each through a temporary file renamed into place:
     * <ul>
     *   <li>{@code configuration.csv}: {@code key,value} rows: pipeline, settings, counts, elapsed;</li>
     *   <li>{@code map.csv}: {@code class,queries,relevant,average_precision}, then an {@code all} row;</li>
     *   <li>{@code k-accuracy.csv}: {@code class,k_1,k_5,...,k_omega}, then an {@code all} row;</li>
     *   <li>{@code precision-recall.csv}: one row per k = 1..ranking length:
     *       {@code k,precision,recall}, then {@code precision_<class>,recall_<class>} per class;</li>
     *   <li>{@code confusion-k_<k>.csv} per cutoff ({@code confusion-k_omega.csv} for Ω): a
     *       {@code true\predicted} column of true labels, then one count column per predicted label.</li>
     * </ul>
     *
     * @return the files written, in the order above
     */
    public List<Path> writeCsv(Path directory) throws IOException {
        return ReportCsv.write(this, directory);
    }

    /**
     * One line: MAP, the overall k-accuracy per cutoff, the counts and the time, e.g.
     * {@code EvaluationReport[MAP 0.780, top-1 0.911, 5-accuracy 0.890, ..., 180 queries, 4 classes,
     * 2.31 s; extractor=...]}; {@link #toMarkdown()} has everything.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("EvaluationReport[MAP ").append(format(map));
        for (int i = 0; i < settings.cutoffs().size(); i++) {
            Cutoff cutoff = settings.cutoffs().get(i);
            text.append(", ").append(cutoff.k() == 1 ? "top-1" : cutoff + "-accuracy").append(' ')
                    .append(format(kAccuracy.get(i)));
        }
        return text.append(", ").append(counts.queries()).append(" queries, ").append(classes.size())
                .append(" classes, ").append(Durations.humane(elapsed)).append("; ").append(pipeline).append(']')
                .toString();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private int indexOf(Cutoff cutoff) {
        int i = settings.cutoffs().indexOf(cutoff);
        if (i < 0) {
            throw new IllegalArgumentException("k = " + cutoff + " was not evaluated; the cutoffs are "
                    + settings.cutoffs());
        }
        return i;
    }
}
