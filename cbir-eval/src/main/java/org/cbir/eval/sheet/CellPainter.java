package org.cbir.eval.sheet;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Draws frames, thumbnails and captions at the places a {@link SheetLayout} gives. Not thread-safe. */
final class CellPainter {
    static final int BORDER = 4;

    /** One caption line and its colour. */
    record Line(String text, Color colour) {
    }

    private final Graphics2D g;
    private final SheetLayout layout;
    private final FontMetrics metrics;

    CellPainter(Graphics2D g, SheetLayout layout) {
        this.g = g;
        this.layout = layout;
        this.metrics = g.getFontMetrics();
    }

    /** The title line: {@code query} over the query column, {@code matches} over the others. */
    void title(String query, String matches) {
        g.setColor(Color.BLACK);
        int baseline = SheetLayout.MARGIN + metrics.getAscent();
        g.drawString(fit(query, layout.frame()), layout.frameX(0), baseline);
        int matchesWidth = layout.width() - SheetLayout.MARGIN - layout.frameX(1);
        g.drawString(fit(matches, matchesWidth), layout.frameX(1), baseline);
    }

    /** A thumbnail centred in its cell, inside a frame of {@code frame} colour. */
    void thumbnail(int row, int column, BufferedImage thumbnail, Color frame) {
        int x = layout.frameX(column);
        int y = layout.frameY(row);
        drawFrame(x, y, frame);
        int cellX = x + layout.border();
        int cellY = y + layout.border();
        int offsetX = (layout.cell() - thumbnail.getWidth()) / 2;
        int offsetY = (layout.cell() - thumbnail.getHeight()) / 2;
        g.drawImage(thumbnail, cellX + offsetX, cellY + offsetY, null);
    }

    /** A grey square with {@code message} in the middle, inside a frame. */
    void placeholder(int row, int column, String message, Color frame) {
        int x = layout.frameX(column);
        int y = layout.frameY(row);
        drawFrame(x, y, frame);
        g.setColor(ResultSheet.PLACEHOLDER);
        g.fillRect(x + layout.border(), y + layout.border(), layout.cell(), layout.cell());
        g.setColor(Color.WHITE);
        String text = fit(message, layout.cell());
        g.drawString(text, x + layout.border() + (layout.cell() - metrics.stringWidth(text)) / 2,
                y + layout.border() + (layout.cell() + metrics.getAscent()) / 2);
    }

    /** Caption lines under the frame, each cut with an ellipsis to the frame's width. */
    void caption(int row, int column, List<Line> lines) {
        int x = layout.frameX(column);
        int baseline = layout.frameY(row) + layout.frame() + 4 + metrics.getAscent();
        for (Line line : lines) {
            g.setColor(line.colour());
            g.drawString(fit(line.text(), layout.frame()), x, baseline);
            baseline += layout.lineHeight();
        }
    }

    private void drawFrame(int x, int y, Color frame) {
        g.setColor(frame);
        g.fillRect(x, y, layout.frame(), layout.frame());
        g.setColor(ResultSheet.CELL_BACKGROUND);
        g.fillRect(x + layout.border(), y + layout.border(), layout.cell(), layout.cell());
    }

    /** {@code text}, or its longest prefix followed by an ellipsis, that is at most {@code width} pixels wide. */
    private String fit(String text, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String ellipsis = "…";
        int end = text.length();
        while (end > 0 && metrics.stringWidth(text.substring(0, end) + ellipsis) > width) {
            end--;
        }
        return text.substring(0, end) + ellipsis;
    }
}
