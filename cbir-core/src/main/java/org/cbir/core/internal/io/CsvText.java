package org.cbir.core.internal.io;

/**
 * Writing CSV cells and lines as RFC 4180 does, and as {@code ImageCollection.fromCsv} reads
 * them: a cell with a comma, a quote or a line break is quoted, quotes doubled.
 */
public final class CsvText {
    private CsvText() {
    }

    /** The cell, quoted when it must be. */
    public static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    /** Appends the cells as one line, each {@link #quote quoted} when it must be, ending in a newline. */
    public static void line(StringBuilder csv, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quote(cells[i]));
        }
        csv.append('\n');
    }
}
