package org.cbir.cli;

import java.util.List;
import java.util.Locale;
import org.cbir.core.Match;
import org.cbir.core.QueryResult;

/**
 * Query results as JSON, for scripts: an array with one object per query,
 * {@code {"query", "label", "prediction": {"label", "confidence", "votes"}, "matches": [{"rank",
 * "id", "path", "label", "distance"}]}}; absent labels are {@code null}.
 */
public final class JsonResults {
    private JsonResults() {
    }

    /** One query's name, true label (may be null) and result. */
    public record Entry(String query, String label, QueryResult result) {
    }

    /** The JSON array of {@code entries}, in order. */
    public static String toJson(List<Entry> entries) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            json.append(i == 0 ? "\n  " : ",\n  ").append("{\"query\": ").append(string(e.query()))
                    .append(", \"label\": ").append(string(e.label())).append(", \"prediction\": ");
            e.result().prediction().ifPresentOrElse(
                    p -> json.append("{\"label\": ").append(string(p.label())).append(", \"confidence\": ")
                            .append(number(p.confidence())).append(", \"votes\": ").append(p.votes()).append('}'),
                    () -> json.append("null"));
            json.append(", \"matches\": [");
            List<Match> matches = e.result().matches();
            for (int j = 0; j < matches.size(); j++) {
                Match m = matches.get(j);
                json.append(j == 0 ? "\n    " : ",\n    ").append("{\"rank\": ").append(m.rank())
                        .append(", \"id\": ").append(m.id()).append(", \"path\": ").append(string(m.path()))
                        .append(", \"label\": ").append(string(m.label())).append(", \"distance\": ")
                        .append(number(m.distance()));
                if (!m.metadata().isEmpty()) {
                    json.append(", \"metadata\": {");
                    String separator = "";
                    for (var pair : m.metadata().entrySet()) {
                        json.append(separator).append(string(pair.getKey())).append(": ").append(string(pair.getValue()));
                        separator = ", ";
                    }
                    json.append('}');
                }
                json.append('}');
            }
            json.append(matches.isEmpty() ? "]}" : "\n  ]}");
        }
        return json.append(entries.isEmpty() ? "]" : "\n]").toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.9g", value) : "null";
    }

    /** {@code s} as a JSON string literal, or {@code null}. */
    public static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
