package org.cbir.examples.gui;

import java.util.List;
import javax.swing.table.AbstractTableModel;
import org.cbir.eval.ClassScores;
import org.cbir.eval.EvaluationReport;

/**
 * The MAP table of an evaluation (the paper's Tables 3 to 6, first column): one row per class
 * with its queries, relevant images per query and mean average precision, then an {@code all} row
 * with the overall MAP. Empty until a report is set. Used on the event thread; needs no display.
 */
final class MapTableModel extends AbstractTableModel {
    private static final List<String> COLUMNS = List.of("class", "queries", "relevant", "MAP");
    private EvaluationReport report;

    /** Shows {@code report}, or nothing for {@code null}. */
    void setReport(EvaluationReport report) {
        this.report = report;
        fireTableStructureChanged();
    }

    @Override
    public int getRowCount() {
        return report == null ? 0 : report.classes().size() + 1;
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.size();
    }

    @Override
    public String getColumnName(int column) {
        return COLUMNS.get(column);
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return switch (column) {
            case 0 -> String.class;
            case 1, 2 -> Integer.class;
            default -> Double.class;
        };
    }

    @Override
    public Object getValueAt(int row, int column) {
        if (row == report.classes().size()) {
            return switch (column) {
                case 0 -> "all";
                case 1 -> report.counts().queries();
                case 2 -> null;
                default -> report.map();
            };
        }
        ClassScores scores = report.classes().get(row);
        return switch (column) {
            case 0 -> scores.label();
            case 1 -> scores.queries();
            case 2 -> scores.relevant();
            default -> scores.averagePrecision();
        };
    }
}
