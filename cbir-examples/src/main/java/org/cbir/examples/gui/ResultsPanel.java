package org.cbir.examples.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.ScrollPaneConstants;
import org.cbir.core.Match;
import org.cbir.core.Prediction;

/**
 * The results tab: one row per query, the query's thumbnail first (with its label and the label its
 * matches predict, with their share of the votes), then its matches with rank, label and distance,
 * framed green or red when labels are known. Clicking a match asks {@code onOpen} to show it full
 * size. Rebuilt from the model's {@link SearchResults}. Event thread only.
 */
final class ResultsPanel extends JPanel {
    private final JPanel rows = new JPanel();
    private final JLabel summary = new JLabel("No results yet: choose a database and queries, then Run.");
    private final Consumer<Path> onOpen;

    ResultsPanel(Consumer<Path> onOpen) {
        super(new BorderLayout());
        this.onOpen = onOpen;
        rows.setLayout(new BoxLayout(rows, BoxLayout.Y_AXIS));
        summary.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        add(summary, BorderLayout.NORTH);
        JPanel top = new JPanel(new BorderLayout());
        top.add(rows, BorderLayout.NORTH);
        JScrollPane scroll = new JScrollPane(top, ScrollPaneConstants.VERTICAL_SCROLLBAR_AS_NEEDED,
                ScrollPaneConstants.HORIZONTAL_SCROLLBAR_AS_NEEDED);
        scroll.getVerticalScrollBar().setUnitIncrement(24);
        scroll.getHorizontalScrollBar().setUnitIncrement(24);
        add(scroll, BorderLayout.CENTER);
    }

    /** Shows {@code results}, or clears the view for {@code null}. */
    void show(SearchResults results) {
        rows.removeAll();
        if (results == null) {
            summary.setText("No results yet.");
        } else {
            long judged = results.judgedPredictions();
            summary.setText(results.rows().size() + " queries" + (judged == 0 ? "" : String.format(Locale.ROOT,
                    ", predicted label right for %d of %d", results.correctPredictions(), judged))
                    + "   (green frame: the query's label, red: another label; click a match to open it)");
            for (QueryRow row : results.rows()) {
                rows.add(rowPanel(row));
            }
            rows.add(Box.createVerticalGlue());
        }
        rows.revalidate();
        rows.repaint();
    }

    private JPanel rowPanel(QueryRow row) {
        JPanel panel = new JPanel(new FlowLayout(FlowLayout.LEFT, 2, 2));
        panel.setBorder(BorderFactory.createMatteBorder(0, 0, 1, 0, new Color(200, 200, 200)));
        panel.add(new ResultCell(row.thumbnail(), ResultCell.QUERY_FRAME, queryCaption(row),
                () -> onOpen.accept(row.path()), row.path().toString()));
        List<Match> matches = row.result().matches();
        for (int i = 0; i < matches.size(); i++) {
            Match m = matches.get(i);
            Color frame = ResultCell.frameOf(row.verdict(m));
            List<ResultCell.Line> lines = List.of(
                    new ResultCell.Line("#" + m.rank() + "  " + (m.label() == null ? "" : m.label()),
                            frame == ResultCell.UNKNOWN_LABEL ? null : frame),
                    new ResultCell.Line(String.format(Locale.ROOT, "d = %.4g", m.distance()), null),
                    new ResultCell.Line(fileName(m.path()), null));
            Path path = Path.of(m.path());
            panel.add(new ResultCell(row.matchThumbnails().get(i), frame, lines, () -> onOpen.accept(path), m.path()));
        }
        return panel;
    }

    private static List<ResultCell.Line> queryCaption(QueryRow row) {
        List<ResultCell.Line> lines = new ArrayList<>();
        lines.add(new ResultCell.Line(row.name(), null));
        lines.add(new ResultCell.Line("label: " + (row.label() == null ? "unknown" : row.label()), null));
        Prediction p = row.result().prediction().orElse(null);
        Color colour = row.predictedCorrectly().map(right -> right ? ResultCell.SAME_LABEL : ResultCell.OTHER_LABEL)
                .orElse(null);
        lines.add(new ResultCell.Line("predicted: " + (p == null ? "none" : p.label()), colour));
        if (p != null) {
            lines.add(new ResultCell.Line(String.format(Locale.ROOT, "confidence: %.0f%%", 100 * p.confidence()), colour));
        }
        return lines;
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
