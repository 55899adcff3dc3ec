package org.cbir.examples.gui;

import java.awt.BorderLayout;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import javax.swing.BorderFactory;
import javax.swing.ImageIcon;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.SwingWorker;
import org.cbir.core.image.Images;

/**
 * A window with one image at full size and its path (selectable, to copy). The image is decoded
 * off the event thread; a file that cannot be read shows why, naming it. Event thread only.
 */
final class ImageViewer {
    private ImageViewer() {
    }

    /** Opens a viewer of {@code path} over {@code owner}. */
    static void open(Window owner, Path path) {
        JDialog dialog = new JDialog(owner, path.getFileName() == null ? path.toString() : path.getFileName().toString());
        JLabel picture = new JLabel("loading...", JLabel.CENTER);
        JTextField where = new JTextField(path.toAbsolutePath().normalize().toString());
        where.setEditable(false);
        where.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        dialog.add(new JScrollPane(picture), BorderLayout.CENTER);
        dialog.add(where, BorderLayout.SOUTH);
        dialog.setSize(480, 480);
        dialog.setLocationRelativeTo(owner);
        dialog.setVisible(true);
        new SwingWorker<BufferedImage, Void>() {
            @Override
            protected BufferedImage doInBackground() throws Exception {
                return Images.toBufferedImage(Images.read(path));
            }

            @Override
            protected void done() {
                try {
                    BufferedImage image = get();
                    picture.setText(null);
                    picture.setIcon(new ImageIcon(image));
                    dialog.setTitle(dialog.getTitle() + "  (" + image.getWidth() + " x " + image.getHeight() + ")");
                    dialog.pack();
                    dialog.setSize(Math.min(dialog.getWidth(), 1200), Math.min(dialog.getHeight(), 900));
                } catch (ExecutionException e) {
                    picture.setText("cannot show it: " + ErrorMessages.describe(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }
}
