package org.cbir.examples.gui;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.GridLayout;
import java.awt.Insets;
import java.io.File;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.Scrollable;
import javax.swing.SpinnerNumberModel;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.cbir.metrics.Similarities;

/**
 * The left panel: the database and the queries (chooser buttons, or files dropped on the query
 * list), the retrieval options with their parameters, and the Run, Cancel and save buttons. Every
 * edit is written to the {@link GuiModel} at once; the panel shows the model's values back, so a
 * change made elsewhere appears here. Event thread only.
 */
final class OptionsPanel extends JPanel implements Scrollable {
    private final GuiModel model;
    private final GuiController controller;
    private final JTextField database = new JTextField(12);
    private final DefaultListModel<Path> queryItems = new DefaultListModel<>();
    private final JList<Path> queryList = new JList<>(queryItems);
    private final JComboBox<String> extractor = new JComboBox<>(RetrievalSettings.EXTRACTORS.toArray(String[]::new));
    private final JSpinner bins = new JSpinner(new SpinnerNumberModel(32, 2, 4096, 1));
    private final JSpinner lbpPoints = new JSpinner(new SpinnerNumberModel(8, 1, 32, 1));
    private final JSpinner lbpRadius = new JSpinner(new SpinnerNumberModel(1.0, 0.5, 64.0, 0.5));
    private final JComboBox<String> reducer = new JComboBox<>(RetrievalSettings.REDUCERS.toArray(String[]::new));
    private final JSpinner pcaComponents = new JSpinner(new SpinnerNumberModel(16, 1, 100_000, 1));
    private final JComboBox<String> index = new JComboBox<>(RetrievalSettings.INDEXES.toArray(String[]::new));
    private final JSpinner lshTrees = new JSpinner(new SpinnerNumberModel(10, 1, 1000, 1));
    private final JSpinner lshCandidates = new JSpinner(new SpinnerNumberModel(50, 1, 100_000, 1));
    private final JComboBox<String> metric = new JComboBox<>(Similarities.names().toArray(String[]::new));
    private final JSpinner k = new JSpinner(new SpinnerNumberModel(5, 1, 1000, 1));
    private final JButton run = new JButton("Run");
    private final JButton saveSheet = new JButton("Save sheet...");
    private final JButton saveStore = new JButton("Save store...");
    private final JFileChooser chooser = new JFileChooser();
    private boolean showing;
    private int row;

    OptionsPanel(GuiModel model, GuiController controller) {
        super(new GridBagLayout());
        this.model = model;
        this.controller = controller;
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        database.setEditable(false);
        queryList.setVisibleRowCount(6);
        queryList.setTransferHandler(new FileDropHandler(model::addQueries));
        database.setTransferHandler(new FileDropHandler(paths -> chooseDatabase(paths.get(0))));

        section("Database");
        full(database);
        full(buttons(button("Folder or CSV...", this::chooseDatabaseFile), button("Saved store...", this::chooseStore)));
        section("Queries (choose, or drop files here)");
        JScrollPane queryScroll = new JScrollPane(queryList);
        queryScroll.setPreferredSize(new java.awt.Dimension(120, 120));
        queryScroll.setMinimumSize(new java.awt.Dimension(120, 80));
        queryScroll.setTransferHandler(queryList.getTransferHandler());
        full(queryScroll);
        full(buttons(button("Files...", this::chooseQueryFiles), button("Folder...", this::chooseQueryFolder),
                button("Clear", () -> model.setQueries(List.of()))));
        section("Feature extraction");
        pair("extractor", extractor);
        pair("histogram bins", bins);
        pair("LBP points", lbpPoints);
        pair("LBP radius", lbpRadius);
        pair("reducer", reducer);
        pair("PCA components", pcaComponents);
        section("Searching method");
        pair("index", index);
        pair("LSH trees", lshTrees);
        pair("LSH candidates", lshCandidates);
        pair("metric", metric);
        pair("results (k)", k);
        run.setToolTipText("Index the database (or load the store) and search every query; while the database and the"
                + " signature, reducer, index and metric stay the same, the last index is searched again");
        run.addActionListener(e -> controller.search());
        saveSheet.addActionListener(e -> choosePng());
        saveStore.addActionListener(e -> chooseStoreTarget());
        full(run);
        full(buttons(saveSheet, saveStore));
        GridBagConstraints filler = constraints(0, row, 2);
        filler.weighty = 1;
        add(new JLabel(), filler);

        for (JComboBox<String> box : List.of(extractor, reducer, index, metric)) {
            box.addActionListener(e -> edited());
        }
        for (JSpinner spinner : List.of(bins, lbpPoints, lbpRadius, pcaComponents, lshTrees, lshCandidates, k)) {
            spinner.addChangeListener(e -> edited());
        }
        model.addListener(change -> {
            switch (change) {
                case SETTINGS -> showSettings();
                case DATABASE -> showDatabase();
                case QUERIES -> showQueries();
                case JOB, RESULTS -> enableButtons();
                default -> { }
            }
        });
        showSettings();
        showDatabase();
        showQueries();
        enableButtons();
    }

    private void showDatabase() {
        database.setText(model.database().map(d -> d.path().toAbsolutePath().normalize().toString()).orElse(""));
        database.setToolTipText(model.database().map(DatabaseSource::toString).orElse("no database chosen"));
    }

    @Override
    public java.awt.Dimension getPreferredScrollableViewportSize() {
        return getPreferredSize();
    }

    @Override
    public int getScrollableUnitIncrement(java.awt.Rectangle visible, int orientation, int direction) {
        return 16;
    }

    @Override
    public int getScrollableBlockIncrement(java.awt.Rectangle visible, int orientation, int direction) {
        return visible.height;
    }

    /** As wide as the scroll pane: fields shrink instead of being cut off on the right. */
    @Override
    public boolean getScrollableTracksViewportWidth() {
        return true;
    }

    @Override
    public boolean getScrollableTracksViewportHeight() {
        return false;
    }

    /** The Run button, for the window's default button. */
    JButton runButton() {
        return run;
    }

    private void edited() {
        if (showing) {
            return;
        }
        try {
            model.setSettings(model.settings()
                    .withExtractor((String) extractor.getSelectedItem())
                    .withHistogramBins(((Number) bins.getValue()).intValue())
                    .withLbp(((Number) lbpPoints.getValue()).intValue(), ((Number) lbpRadius.getValue()).doubleValue())
                    .withReducer((String) reducer.getSelectedItem(), ((Number) pcaComponents.getValue()).intValue())
                    .withIndex((String) index.getSelectedItem(), ((Number) lshTrees.getValue()).intValue(),
                            ((Number) lshCandidates.getValue()).intValue())
                    .withMetric((String) metric.getSelectedItem())
                    .withK(((Number) k.getValue()).intValue()));
        } catch (IllegalArgumentException e) {
            model.fail(new GuiModel.Failure("Invalid option", e.getMessage()));
            showSettings();
        }
        enableParameters();
    }

    private void showSettings() {
        showing = true;
        try {
            RetrievalSettings s = model.settings();
            extractor.setSelectedItem(s.extractor());
            bins.setValue(s.histogramBins());
            lbpPoints.setValue(s.lbpPoints());
            lbpRadius.setValue(s.lbpRadius());
            reducer.setSelectedItem(s.reducer());
            pcaComponents.setValue(s.pcaComponents());
            index.setSelectedItem(s.index());
            lshTrees.setValue(s.lshTrees());
            lshCandidates.setValue(s.lshCandidates());
            metric.setSelectedItem(s.metric());
            k.setValue(s.k());
        } finally {
            showing = false;
        }
        enableParameters();
    }

    private void enableParameters() {
        RetrievalSettings s = model.settings();
        bins.setEnabled(s.extractor().equals("histogram"));
        lbpPoints.setEnabled(s.extractor().equals("lbp"));
        lbpRadius.setEnabled(s.extractor().equals("lbp"));
        pcaComponents.setEnabled(s.reducer().equals("pca"));
        lshTrees.setEnabled(s.index().equals(RetrievalSettings.LSH));
        lshCandidates.setEnabled(s.index().equals(RetrievalSettings.LSH));
    }

    private void enableButtons() {
        boolean idle = !model.isBusy();
        run.setEnabled(idle);
        saveSheet.setEnabled(idle && model.results().isPresent());
        saveStore.setEnabled(idle && model.results().isPresent());
    }

    private void showQueries() {
        queryItems.clear();
        model.queries().forEach(queryItems::addElement);
    }

    private void chooseDatabaseFile() {
        chooser.resetChoosableFileFilters();
        chooser.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
        chooser.setMultiSelectionEnabled(false);
        chooser.setDialogTitle("Database: a folder of images (one sub-folder per class) or a CSV of path,label");
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            chooseDatabase(chooser.getSelectedFile().toPath());
        }
    }

    private void chooseStore() {
        chooser.resetChoosableFileFilters();
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        chooser.setMultiSelectionEnabled(false);
        chooser.setDialogTitle("Open a saved store (a directory with manifest.txt)");
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            chooseDatabase(chooser.getSelectedFile().toPath());
        }
    }

    private void chooseDatabase(Path path) {
        try {
            model.setDatabase(DatabaseSource.of(path));
        } catch (NoSuchFileException | IllegalArgumentException e) {
            model.fail(new GuiModel.Failure("Cannot use this database", ErrorMessages.describe(e)));
        }
    }

    private void chooseQueryFiles() {
        chooser.setFileSelectionMode(JFileChooser.FILES_ONLY);
        chooser.setMultiSelectionEnabled(true);
        chooser.setFileFilter(new FileNameExtensionFilter("Images", "png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif"));
        chooser.setDialogTitle("Query images");
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            model.addQueries(Arrays.stream(chooser.getSelectedFiles()).map(File::toPath).toList());
        }
        chooser.resetChoosableFileFilters();
    }

    private void chooseQueryFolder() {
        chooser.resetChoosableFileFilters();
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        chooser.setMultiSelectionEnabled(false);
        chooser.setDialogTitle("A folder of query images (sub-folders are their labels)");
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            model.addQueries(List.of(chooser.getSelectedFile().toPath()));
        }
    }

    private void choosePng() {
        chooser.resetChoosableFileFilters();
        chooser.setFileSelectionMode(JFileChooser.FILES_ONLY);
        chooser.setMultiSelectionEnabled(false);
        chooser.setDialogTitle("Save the result sheet as PNG");
        chooser.setSelectedFile(new File("result-sheet.png"));
        if (chooser.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            Path png = chooser.getSelectedFile().toPath();
            if (!png.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
                png = png.resolveSibling(png.getFileName() + ".png");
            }
            controller.saveSheet(png);
        }
    }

    private void chooseStoreTarget() {
        chooser.resetChoosableFileFilters();
        chooser.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
        chooser.setMultiSelectionEnabled(false);
        chooser.setDialogTitle("Save the store as a directory");
        chooser.setSelectedFile(new File("collection.cbir"));
        if (chooser.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            controller.saveStore(chooser.getSelectedFile().toPath());
        }
    }

    private static JButton button(String text, Runnable action) {
        JButton button = new JButton(text);
        button.addActionListener(e -> action.run());
        return button;
    }

    private static JPanel buttons(JComponent... components) {
        JPanel panel = new JPanel(new GridLayout(1, components.length, 4, 0));
        for (JComponent c : components) {
            panel.add(c);
        }
        return panel;
    }

    private void section(String title) {
        JLabel label = new JLabel(title);
        label.setFont(label.getFont().deriveFont(java.awt.Font.BOLD));
        GridBagConstraints c = constraints(0, row++, 2);
        c.insets = new Insets(row == 1 ? 0 : 10, 0, 2, 0);
        add(label, c);
    }

    private void full(JComponent component) {
        add(component, constraints(0, row++, 2));
    }

    private void pair(String label, JComponent component) {
        add(new JLabel(label), constraints(0, row, 1));
        GridBagConstraints c = constraints(1, row++, 1);
        c.weightx = 1;
        add(component, c);
    }

    private static GridBagConstraints constraints(int x, int y, int width) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = x;
        c.gridy = y;
        c.gridwidth = width;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.anchor = GridBagConstraints.NORTHWEST;
        c.insets = new Insets(2, 0, 2, 4);
        return c;
    }
}
