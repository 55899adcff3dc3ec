package org.cbir.examples.gui;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import javax.swing.JFrame;
import javax.swing.JOptionPane;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.ScrollPaneConstants;
import javax.swing.WindowConstants;

/**
 * The main window, as pyCBIR's (Araujo et al., Figure 6): the retrieval options on the left, the
 * results (one row per query), the evaluation and the review of suggested labels on tabs to the right, the status, progress and
 * Cancel button at the bottom. A failure the model reports opens an error dialog. Closing the
 * window stops the controller's worker. Event thread only.
 */
public final class CbirWindow extends JFrame {
    private final JTabbedPane tabs = new JTabbedPane();
    private final ReviewPanel review = new ReviewPanel();

    /**
     * Builds the window (not yet visible) over {@code model}, acting through {@code controller}.
     * Call on the event thread.
     */
    public CbirWindow(GuiModel model, GuiController controller) {
        super("cbir: reverse image search");
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        OptionsPanel options = new OptionsPanel(model, controller);
        ResultsPanel results = new ResultsPanel(path -> ImageViewer.open(this, path));
        EvaluationPanel evaluation = new EvaluationPanel(model, controller);
        tabs.addTab("Results", results);
        tabs.addTab("Evaluation", evaluation);
        tabs.addTab("Review labels", review);
        JScrollPane left = new JScrollPane(options, ScrollPaneConstants.VERTICAL_SCROLLBAR_AS_NEEDED,
                ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER);
        left.setMinimumSize(new Dimension(300, 200));
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, tabs);
        split.setDividerLocation(370);
        getContentPane().add(split, BorderLayout.CENTER);
        getContentPane().add(new StatusBar(model, controller), BorderLayout.SOUTH);
        getRootPane().setDefaultButton(options.runButton());
        model.addListener(change -> {
            switch (change) {
                case RESULTS -> {
                    results.show(model.results().orElse(null));
                    tabs.setSelectedIndex(0);
                }
                case EVALUATION -> tabs.setSelectedIndex(1);
                case FAILURE -> model.failure().ifPresent(f -> JOptionPane.showMessageDialog(this, f.message(), f.title(),
                        JOptionPane.ERROR_MESSAGE));
                default -> { }
            }
        });
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                controller.close();
            }
        });
        setSize(1400, 900);
        setLocationByPlatform(true);
    }

    /** Opens the review queue of a {@code cbir label} output folder on the review tab and shows it. */
    void openReview(Path folder) {
        review.open(folder);
        tabs.setSelectedIndex(2);
    }

    /** Shows the results tab (0), the evaluation tab (1) or the review tab (2). */
    void selectTab(int index) {
        tabs.setSelectedIndex(index);
    }
}
