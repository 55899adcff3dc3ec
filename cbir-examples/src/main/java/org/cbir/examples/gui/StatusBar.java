package org.cbir.examples.gui;

import java.awt.BorderLayout;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;

/**
 * The bottom line: the status text, the running job's progress (its stage and count; indeterminate
 * when the total is unknown) and the Cancel button, enabled while a job runs. Event thread only.
 */
final class StatusBar extends JPanel {
    private final JLabel status = new JLabel();
    private final JProgressBar bar = new JProgressBar(0, 1000);
    private final JButton cancel = new JButton("Cancel");

    StatusBar(GuiModel model, GuiController controller) {
        super(new BorderLayout(8, 0));
        setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        bar.setStringPainted(true);
        bar.setPreferredSize(new java.awt.Dimension(320, bar.getPreferredSize().height));
        cancel.addActionListener(e -> controller.cancel());
        JPanel right = new JPanel(new BorderLayout(4, 0));
        right.add(bar, BorderLayout.CENTER);
        right.add(cancel, BorderLayout.EAST);
        add(status, BorderLayout.CENTER);
        add(right, BorderLayout.EAST);
        model.addListener(change -> {
            switch (change) {
                case STATUS -> status.setText(model.status());
                case PROGRESS, JOB -> showProgress(model);
                default -> { }
            }
        });
        status.setText(model.status());
        showProgress(model);
    }

    private void showProgress(GuiModel model) {
        cancel.setEnabled(model.isBusy());
        Progress p = model.progress().orElse(null);
        if (p == null) {
            bar.setIndeterminate(false);
            bar.setValue(0);
            bar.setString("idle");
            return;
        }
        double fraction = p.fraction();
        bar.setIndeterminate(fraction < 0);
        bar.setValue(fraction < 0 ? 0 : (int) Math.round(1000 * fraction));
        bar.setString(fraction < 0 ? p.stage() : String.format(Locale.ROOT, "%s %d / %d", p.stage(), p.done(), p.total()));
    }
}
