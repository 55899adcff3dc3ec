package org.cbir.eval.sheet;

/**
 * Where the cells of a result sheet go. A cell is a square of {@code cell} pixels framed by a
 * border of {@code border} pixels, with {@code captionLines} lines of text under the frame.
 * Column 0 holds the query; a wider gap separates it from the matches. Immutable.
 *
 * @param rows query rows
 * @param columns the query column plus the most matches shown in a row
 * @param cell thumbnail square size in pixels
 * @param border frame thickness in pixels
 * @param lineHeight caption line height in pixels
 * @param captionLines caption lines under each frame
 */
record SheetLayout(int rows, int columns, int cell, int border, int lineHeight, int captionLines) {
    static final int MARGIN = 12;
    static final int GAP = 10;
    static final int QUERY_GAP = 28;

    /** The side of a frame: the cell and its border on both sides. */
    int frame() {
        return cell + 2 * border;
    }

    /** The height of the title line above the rows. */
    int header() {
        return lineHeight + GAP;
    }

    /** The left edge of the frame in {@code column}. */
    int frameX(int column) {
        return MARGIN + column * (frame() + GAP) + (column > 0 ? QUERY_GAP : 0);
    }

    /** The top edge of the frames in {@code row}. */
    int frameY(int row) {
        return MARGIN + header() + row * rowHeight();
    }

    /** The vertical distance between two rows. */
    int rowHeight() {
        return frame() + 4 + captionLines * lineHeight + GAP;
    }

    int width() {
        return frameX(columns - 1) + frame() + MARGIN;
    }

    int height() {
        return frameY(rows) - GAP + MARGIN;
    }
}
