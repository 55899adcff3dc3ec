package org.cbir.examples.gui;

import javax.swing.table.AbstractTableModel;
import org.cbir.eval.EvaluationReport;

/**
 * The k-accuracy table of an evaluation (the paper's Tables 3 to 6): one row per class, one column
 * per cutoff k of the evaluation ({@code k=1}, ..., {@code k=Ω}), each cell the share of the
 * class's queries whose top k vote for their own label; then an {@code all} row over every query.
 * Empty until a report is set. Used on the event thread; needs no display.
 */
final class KAccuracyTableModel extends AbstractTableModel {
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
        return report == null ? 1 : 1 + report.settings().cutoffs().size();
    }

    @Override
    public String getColumnName(int column) {
        return column == 0 ? "class" : "k=" + report.settings().cutoffs().get(column - 1);
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return column == 0 ? String.class : Double.class;
    }

    @Override
    public Object getValueAt(int row, int column) {
        boolean all = row == report.classes().size();
        if (column == 0) {
            return all ? "all" : report.classes().get(row).label();
        }
        return all ? report.kAccuracy().get(column - 1) : report.classes().get(row).kAccuracy().get(column - 1);
    }
}
