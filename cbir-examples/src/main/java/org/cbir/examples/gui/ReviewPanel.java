package org.cbir.examples.gui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.table.AbstractTableModel;
import org.cbir.core.image.Images;

/**
 * The review tab: the suggestions of a {@code cbir label} output, least confident first, with a
 * thumbnail of each image; the label column is editable, and Save writes {@code reviewed.csv}
 * beside the suggestions ({@link ReviewQueue}). Event thread only.
 */
final class ReviewPanel extends JPanel {
    private static final int THUMBNAIL = 64;
    private final JLabel status = new JLabel("Open the output folder of `cbir label` to review its suggestions.");
    private final JButton save = new JButton("Save reviewed.csv");
    private final QueueTable table = new QueueTable();
    private ReviewQueue queue;

    ReviewPanel() {
        super(new BorderLayout());
        JButton open = new JButton("Open label output...");
        open.addActionListener(e -> choose());
        save.setEnabled(false);
        save.addActionListener(e -> save());
        JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEFT));
        bar.add(open);
        bar.add(save);
        bar.add(status);
        add(bar, BorderLayout.NORTH);
        JTable view = new JTable(table);
        view.setRowHeight(THUMBNAIL + 4);
        view.getColumnModel().getColumn(0).setMaxWidth(THUMBNAIL + 8);
        view.getColumnModel().getColumn(3).setMaxWidth(90);
        add(new JScrollPane(view), BorderLayout.CENTER);
    }

    /** Shows the queue of {@code folder}; an error is shown in a dialog. */
    void open(Path folder) {
        try {
            queue = ReviewQueue.load(folder);
            table.show(queue);
            save.setEnabled(true);
            status.setText(queue.suggestions().size() + " suggestions in " + folder + ", least confident first");
        } catch (IOException | RuntimeException e) {
            JOptionPane.showMessageDialog(this, e.getMessage(), "Cannot open the review queue", JOptionPane.ERROR_MESSAGE);
        }
    }

    private void choose() {
        JFileChooser chooser = new JFileChooser();
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            open(chooser.getSelectedFile().toPath());
        }
    }

    private void save() {
        try {
            Path file = queue.save();
            status.setText("saved " + file + " (" + queue.changedCount() + " labels corrected)");
        } catch (IOException e) {
            JOptionPane.showMessageDialog(this, e.getMessage(), "Cannot save", JOptionPane.ERROR_MESSAGE);
        }
    }

    /** The queue as a table: image, file, label (editable), confidence, nearest labelled. */
    private static final class QueueTable extends AbstractTableModel {
        private static final String[] COLUMNS = {"image", "file", "label", "confidence", "nearest labelled images"};
        private final Map<String, ImageIcon> thumbnails = new HashMap<>();
        private ReviewQueue queue;

        void show(ReviewQueue queue) {
            this.queue = queue;
            thumbnails.clear();
            fireTableDataChanged();
        }

        @Override
        public int getRowCount() {
            return queue == null ? 0 : queue.suggestions().size();
        }

        @Override
        public int getColumnCount() {
            return COLUMNS.length;
        }

        @Override
        public String getColumnName(int column) {
            return COLUMNS[column];
        }

        @Override
        public Class<?> getColumnClass(int column) {
            return column == 0 ? ImageIcon.class : String.class;
        }

        @Override
        public boolean isCellEditable(int row, int column) {
            return column == 2;
        }

        @Override
        public Object getValueAt(int row, int column) {
            ReviewQueue.Item item = queue.suggestions().get(row);
            return switch (column) {
                case 0 -> thumbnails.computeIfAbsent(item.path, QueueTable::thumbnail);
                case 1 -> Path.of(item.path).getFileName().toString();
                case 2 -> item.label;
                case 3 -> item.confidence;
                default -> item.neighbors;
            };
        }

        @Override
        public void setValueAt(Object value, int row, int column) {
            String label = String.valueOf(value).strip();
            queue.suggestions().get(row).label = label.isEmpty() ? null : label;
            fireTableCellUpdated(row, column);
        }

        private static ImageIcon thumbnail(String path) {
            try {
                return new ImageIcon(Thumbnails.fit(Images.read(Path.of(path)), THUMBNAIL));
            } catch (IOException | RuntimeException e) {
                return new ImageIcon(new BufferedImage(THUMBNAIL, THUMBNAIL, BufferedImage.TYPE_INT_RGB));
            }
        }
    }
}
