package org.cbir.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.cbir.core.Match;
import org.cbir.core.QueryResult;

/** Prints query results as aligned text tables. */
public final class ResultPrinter {
    private final PrintWriter out;
    private int correct;
    private int judged;

    public ResultPrinter(PrintWriter out) {
        this.out = out;
    }

    public void print(String query, String trueLabel, QueryResult result) {
        out.println();
        out.printf(Locale.ROOT, "query %s%s%n", fileName(query), trueLabel == null ? "" : "  (label " + trueLabel + ")");
        result.prediction().ifPresent(p -> {
            boolean right = p.label().equals(trueLabel);
            out.printf(Locale.ROOT, "  predicted %s, confidence %.2f%s%n", p.label(), p.confidence(),
                    trueLabel == null ? "" : right ? "  [correct]" : "  [wrong]");
            if (trueLabel != null) {
                judged++;
                correct += right ? 1 : 0;
            }
        });
        boolean metadata = result.matches().stream().anyMatch(m -> !m.metadata().isEmpty());
        out.printf(Locale.ROOT, "  %4s  %-12s  %-10s  %s%s%n", "rank", "distance", "label", "image",
                metadata ? "  metadata" : "");
        for (Match m : result.matches()) {
            out.printf(Locale.ROOT, "  %4d  %-12.6g  %-10s  %s%s%n", m.rank(), m.distance(),
                    m.label() == null ? "-" : m.label(), fileName(m.path()), metadata ? "  " + metadataText(m) : "");
        }
    }

    public void summary() {
        if (judged > 0) {
            out.printf(Locale.ROOT, "%npredicted label correct for %d of %d queries%n", correct, judged);
        }
    }

    private static String metadataText(Match m) {
        StringBuilder sb = new StringBuilder();
        m.metadata().forEach((key, value) -> sb.append(sb.length() == 0 ? "" : " ").append(key).append('=').append(value));
        return sb.toString();
    }

    private static String fileName(String path) {
        Path p = Path.of(path);
        return p.getFileName() == null ? path : p.getFileName().toString();
    }
}
