package org.cbir.examples.gui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Cursor;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Graphics;
import java.awt.RenderingHints;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.util.List;
import javax.swing.JComponent;

/**
 * One cell of the results: a thumbnail in a coloured frame with caption lines under it, drawn like
 * a cell of the result sheet ({@link org.cbir.eval.sheet.ResultSheet}): the query framed blue, a
 * match green when it has the query's label, red when another, grey when either is unknown.
 * Clicking it runs its action (a match opens full size). Event thread only.
 */
final class ResultCell extends JComponent {
    static final Color SAME_LABEL = new Color(0, 160, 0);
    static final Color OTHER_LABEL = new Color(215, 0, 0);
    static final Color UNKNOWN_LABEL = new Color(160, 160, 160);
    static final Color QUERY_FRAME = new Color(30, 80, 200);
    private static final Color CELL_BACKGROUND = new Color(232, 232, 232);
    private static final int FRAME = 4;
    private static final int PAD = 4;
    /** Caption lines every cell leaves room for, so that the cells of a row line up. */
    static final int LINES = 4;

    /** A caption line and its colour. */
    record Line(String text, Color colour) {
    }

    private final BufferedImage thumbnail;
    private final Color frame;
    private final List<Line> lines;

    /**
     * @param thumbnail the image, or {@code null} for an "unreadable" placeholder
     * @param onClick run when the cell is clicked, or {@code null}
     */
    ResultCell(BufferedImage thumbnail, Color frame, List<Line> lines, Runnable onClick, String tooltip) {
        this.thumbnail = thumbnail;
        this.frame = frame;
        this.lines = List.copyOf(lines);
        setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        setToolTipText(tooltip);
        int lineHeight = getFontMetrics(getFont()).getHeight();
        int side = SearchTask.CELL + 2 * FRAME;
        setPreferredSize(new Dimension(side + 2 * PAD, side + 2 * PAD + Math.max(LINES, lines.size()) * lineHeight));
        if (onClick != null) {
            setCursor(Cursor.getPredefinedCursor(Cursor.HAND_CURSOR));
            addMouseListener(new MouseAdapter() {
                @Override
                public void mouseClicked(MouseEvent e) {
                    onClick.run();
                }
            });
        }
    }

    static Color frameOf(QueryRow.Verdict verdict) {
        return switch (verdict) {
            case SAME -> SAME_LABEL;
            case OTHER -> OTHER_LABEL;
            case UNKNOWN -> UNKNOWN_LABEL;
        };
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int side = SearchTask.CELL;
            int x0 = PAD + FRAME;
            int y0 = PAD + FRAME;
            g.setColor(CELL_BACKGROUND);
            g.fillRect(x0, y0, side, side);
            if (thumbnail != null) {
                g.drawImage(thumbnail, x0 + (side - thumbnail.getWidth()) / 2, y0 + (side - thumbnail.getHeight()) / 2, null);
            } else {
                g.setColor(Color.DARK_GRAY);
                g.drawString("unreadable", x0 + 8, y0 + side / 2);
            }
            g.setColor(frame);
            g.setStroke(new BasicStroke(FRAME));
            g.drawRect(PAD + FRAME / 2, PAD + FRAME / 2, side + FRAME, side + FRAME);
            FontMetrics metrics = g.getFontMetrics();
            int y = PAD + side + 2 * FRAME + metrics.getAscent() + 2;
            for (Line line : lines) {
                g.setColor(line.colour() == null ? getForeground() : line.colour());
                g.drawString(clip(line.text(), metrics, side + 2 * FRAME), PAD, y);
                y += metrics.getHeight();
            }
        } finally {
            g.dispose();
        }
    }

    private static String clip(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String shown = text;
        while (shown.length() > 1 && metrics.stringWidth(shown + "…") > width) {
            shown = shown.substring(0, shown.length() - 1);
        }
        return shown + "…";
    }
}
