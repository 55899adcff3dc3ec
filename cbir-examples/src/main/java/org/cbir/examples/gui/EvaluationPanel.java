package org.cbir.examples.gui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.text.DecimalFormat;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSpinner;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import javax.swing.table.DefaultTableCellRenderer;
import org.cbir.examples.report.MapChart;
import org.jfree.chart.ChartPanel;

/**
 * The evaluation tab: the evaluation options (fit fraction, seed, PCA sweep) and the Evaluate
 * button on top; the MAP and k-accuracy tables of the chosen pipeline on the left, and the
 * MAP-versus-PCA-components chart of the sweep on the right. Event thread only.
 */
final class EvaluationPanel extends JPanel {
    private final GuiModel model;
    private final JSpinner fitFraction = new JSpinner(new SpinnerNumberModel(0.1, 0.0, 0.9, 0.05));
    private final JSpinner seed = new JSpinner(new SpinnerNumberModel(42L, Long.MIN_VALUE, Long.MAX_VALUE, 1L));
    private final JTextField sweep = new JTextField(14);
    private final JButton evaluate = new JButton("Evaluate");
    private final JLabel summary = new JLabel("Evaluate the chosen options on the database: each image is queried against the others.");
    private final MapTableModel mapTable = new MapTableModel();
    private final KAccuracyTableModel kTable = new KAccuracyTableModel();
    private final ChartPanel chart = new ChartPanel(MapChart.chart("MAP vs PCA components", List.of()));
    private boolean showing;

    EvaluationPanel(GuiModel model, GuiController controller) {
        super(new BorderLayout());
        this.model = model;
        JPanel options = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 4));
        options.add(new JLabel("fit fraction"));
        options.add(fitFraction);
        options.add(new JLabel("seed"));
        options.add(seed);
        options.add(new JLabel("PCA sweep"));
        options.add(sweep);
        options.add(evaluate);
        ((JSpinner.DefaultEditor) seed.getEditor()).getTextField().setColumns(6);
        sweep.setToolTipText("PCA component counts to chart MAP against, e.g. 1, 2, 4, 8; empty for no chart");
        evaluate.addActionListener(e -> {
            if (edited()) {
                controller.evaluate();
            }
        });
        fitFraction.addChangeListener(e -> edited());
        seed.addChangeListener(e -> edited());
        sweep.addActionListener(e -> edited());
        JPanel top = new JPanel(new BorderLayout());
        top.add(options, BorderLayout.NORTH);
        summary.setBorder(BorderFactory.createEmptyBorder(2, 8, 4, 8));
        top.add(summary, BorderLayout.SOUTH);
        add(top, BorderLayout.NORTH);

        JPanel tables = new JPanel(new GridLayout(2, 1, 0, 8));
        tables.add(titled("Mean average precision", table(mapTable)));
        tables.add(titled("k-accuracy (share of queries whose top k vote for their label)", table(kTable)));
        chart.setPreferredSize(new java.awt.Dimension(420, 320));
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, tables, titled("MAP vs PCA components", chart));
        split.setResizeWeight(0.5);
        add(split, BorderLayout.CENTER);

        model.addListener(change -> {
            switch (change) {
                case EVALUATION -> showOutcome(model.evaluation().orElse(null));
                case EVALUATION_OPTIONS -> showOptions();
                case JOB -> evaluate.setEnabled(!model.isBusy());
                default -> { }
            }
        });
        showOptions();
        evaluate.setEnabled(!model.isBusy());
    }

    /** Writes the edited options to the model; on an invalid sweep, reports it and returns false. */
    private boolean edited() {
        if (showing) {
            return true;
        }
        try {
            model.setEvaluationOptions(new EvaluationOptions(((Number) fitFraction.getValue()).doubleValue(),
                    ((Number) seed.getValue()).longValue(), EvaluationOptions.parseSweep(sweep.getText())));
            return true;
        } catch (IllegalArgumentException e) {
            model.fail(new GuiModel.Failure("Invalid evaluation option", e.getMessage()));
            return false;
        }
    }

    private void showOptions() {
        showing = true;
        try {
            EvaluationOptions o = model.evaluationOptions();
            fitFraction.setValue(o.fitFraction());
            seed.setValue(o.seed());
            sweep.setText(o.sweepText());
        } finally {
            showing = false;
        }
    }

    private void showOutcome(EvaluationOutcome outcome) {
        mapTable.setReport(outcome == null ? null : outcome.report());
        kTable.setReport(outcome == null ? null : outcome.report());
        if (outcome == null) {
            return;
        }
        summary.setText(String.format(java.util.Locale.ROOT, "MAP %.4f over %d queries (%d images for fitting) with %s",
                outcome.report().map(), outcome.report().counts().queries(), outcome.report().counts().fitting(),
                outcome.report().pipeline()));
        chart.setChart(MapChart.chart(outcome.sweep().isEmpty() ? "no PCA sweep" : outcome.chartTitle(), outcome.sweep()));
    }

    private static JScrollPane table(javax.swing.table.TableModel tableModel) {
        JTable table = new JTable(tableModel);
        table.setAutoCreateRowSorter(false);
        DefaultTableCellRenderer numbers = new DefaultTableCellRenderer() {
            private final DecimalFormat format = new DecimalFormat("0.0000");

            @Override
            protected void setValue(Object value) {
                setHorizontalAlignment(RIGHT);
                setText(value instanceof Double d ? (d.isNaN() ? "-" : format.format(d)) : value == null ? "" : value.toString());
            }
        };
        table.setDefaultRenderer(Double.class, numbers);
        return new JScrollPane(table);
    }

    private static JPanel titled(String title, java.awt.Component content) {
        JPanel panel = new JPanel(new BorderLayout());
        panel.setBorder(BorderFactory.createTitledBorder(title));
        panel.add(content, BorderLayout.CENTER);
        return panel;
    }
}
