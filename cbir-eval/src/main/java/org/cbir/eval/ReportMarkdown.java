package org.cbir.eval;

import static org.cbir.eval.ReportFiles.short4;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Renders an {@link EvaluationReport} as Markdown tables shaped like the paper's Tables 3 to 6. */
final class ReportMarkdown {
    /** Ranks shown in the precision/recall table besides the cutoffs and the full length. */
    private static final int[] CURVE_RANKS = {50, 100, 200, 500, 1000, 2000, 5000, 10_000};

    private ReportMarkdown() {
    }

    static String render(EvaluationReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Retrieval evaluation\n\n");
        configuration(md, report);
        averagePrecision(md, report);
        kAccuracy(md, report);
        curves(md, report);
        confusion(md, report);
        return md.toString();
    }

    private static void configuration(StringBuilder md, EvaluationReport report) {
        EvaluationSettings s = report.settings();
        EvaluationCounts n = report.counts();
        md.append("| setting | value |\n|---|---|\n");
        row(md, "pipeline", "`" + report.pipeline() + "`");
        row(md, "images", n.collection() + " labelled in " + report.classes().size() + " classes: "
                + n.fitting() + " for fitting, " + n.evaluated() + " evaluated (" + n.skipped() + " unusable)");
        row(md, "split", "stratified, fit fraction " + s.fitFraction() + ", seed " + s.seed());
        row(md, "queries", n.queries() + ", each ranked against "
                + (s.includeSelf() ? "every indexed image, itself included (reference variant)"
                        : "the other indexed images (itself excluded)"));
        row(md, "k-accuracy ties", s.tiesCountAsCorrect() ? "a tie for most votes counts as correct (reference rule)"
                : "a tie goes to the label of the best-ranked match");
        if (n.queriesWithoutRelevant() > 0) {
            row(md, "left out of MAP", n.queriesWithoutRelevant() + " queries with no other image of their class");
        }
        row(md, "threads", Integer.toString(s.threads()));
        row(md, "elapsed", String.format(Locale.ROOT, "%.2f s", report.elapsed().toNanos() / 1e9));
        md.append('\n');
    }

    private static void averagePrecision(StringBuilder md, EvaluationReport report) {
        md.append("## Mean average precision\n\n");
        md.append("AP(q) = sum over ranks n of P(n)·f(n) / N, N = images of the query's class in its ranking.\n\n");
        md.append("| class | queries | N | MAP |\n|---|---:|---:|---:|\n");
        for (ClassScores c : report.classes()) {
            md.append("| ").append(c.label()).append(" | ").append(c.queries()).append(" | ").append(c.relevant())
                    .append(" | ").append(short4(c.averagePrecision())).append(" |\n");
        }
        md.append("| **all** | ").append(report.counts().queries()).append(" | | **")
                .append(short4(report.map())).append("** |\n\n");
    }

    private static void kAccuracy(StringBuilder md, EvaluationReport report) {
        List<Cutoff> cutoffs = report.settings().cutoffs();
        md.append("## k-accuracy\n\n");
        md.append("Share of queries whose majority label among the top k other images is their own; Ω = the "
                + "number of other images of the query's class.\n\n");
        md.append("| class |");
        cutoffs.forEach(k -> md.append(" k=").append(k).append(" |"));
        md.append("\n|---|");
        cutoffs.forEach(k -> md.append("---:|"));
        md.append('\n');
        for (ClassScores c : report.classes()) {
            md.append("| ").append(c.label()).append(" |");
            c.kAccuracy().forEach(a -> md.append(' ').append(short4(a)).append(" |"));
            md.append('\n');
        }
        md.append("| **all** |");
        report.kAccuracy().forEach(a -> md.append(" **").append(short4(a)).append("** |"));
        md.append("\n\n");
    }

    private static void curves(StringBuilder md, EvaluationReport report) {
        PrecisionRecallCurves curves = report.curves();
        TreeSet<Integer> ranks = new TreeSet<>();
        report.settings().cutoffs().stream().filter(k -> !k.isClassSize()).forEach(k -> ranks.add(k.k()));
        for (int r : CURVE_RANKS) {
            ranks.add(r);
        }
        ranks.add(curves.length());
        ranks.removeIf(r -> r > curves.length());
        md.append("## Precision@k and recall@k\n\n");
        md.append("Means over queries (the CSV has every k up to ").append(curves.length()).append(").\n\n");
        md.append("| k | precision | recall |");
        curves.classes().forEach(c -> md.append(" P ").append(c).append(" | R ").append(c).append(" |"));
        md.append("\n|---:|---:|---:|");
        curves.classes().forEach(c -> md.append("---:|---:|"));
        md.append('\n');
        for (int k : ranks) {
            md.append("| ").append(k).append(" | ").append(short4(curves.precision(k))).append(" | ")
                    .append(short4(curves.recall(k))).append(" |");
            for (String c : curves.classes()) {
                md.append(' ').append(short4(curves.precision(c, k))).append(" | ")
                        .append(short4(curves.recall(c, k))).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void confusion(StringBuilder md, EvaluationReport report) {
        md.append("## Confusion matrices\n\n");
        md.append("Rows: true label; columns: the majority label of the top k (ties to the best-ranked).\n\n");
        for (ConfusionMatrix m : report.confusion()) {
            md.append("### k = ").append(m.cutoff()).append("\n\n| true \\ predicted |");
            m.classes().forEach(c -> md.append(' ').append(c).append(" |"));
            md.append("\n|---|");
            m.classes().forEach(c -> md.append("---:|"));
            md.append('\n');
            for (int i = 0; i < m.classes().size(); i++) {
                md.append("| ").append(m.classes().get(i)).append(" |");
                for (int j = 0; j < m.classes().size(); j++) {
                    md.append(' ').append(m.count(i, j)).append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }
}
