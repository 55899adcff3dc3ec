package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.formdev.flatlaf.FlatLightLaf;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the review tab on a display (e.g. under {@code xvfb-run}) with suggestions for GISAXS
 * sample patterns, and saves a picture of the window to {@code target/gui-review.png}. Skipped
 * without a display.
 */
class ReviewPanelSmokeTest {

    @Test
    void showsTheReviewQueueWithThumbnails(@TempDir Path dir) throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(), "no display");
        assumeTrue(System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank(), "DISPLAY is not set");
        List<Path> images;
        try (Stream<Path> s = Files.walk(GuiSamples.gisaxs().resolve("query"))) {
            images = s.filter(Files::isRegularFile).sorted().limit(6).toList();
        }
        StringBuilder csv = new StringBuilder("path,label,source,confidence,nearest_labelled\n");
        for (int i = 0; i < images.size(); i++) {
            csv.append('"').append(images.get(i)).append("\",").append(i % 2 == 0 ? "bcc" : "hcpnone")
                    .append(",suggested,").append(String.format(java.util.Locale.ROOT, "%.4f", 0.3 + 0.1 * i))
                    .append(",\"").append(images.get((i + 1) % images.size()).getFileName()).append(" (bcc, 0.12)\"\n");
        }
        Files.writeString(dir.resolve("suggestions.csv"), csv);
        AtomicReference<CbirWindow> window = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            FlatLightLaf.setup();
            GuiModel model = new GuiModel();
            CbirWindow w = new CbirWindow(model, new GuiController(model, SwingUtilities::invokeLater));
            w.setSize(1400, 700);
            w.setVisible(true);
            w.openReview(dir);
            window.set(w);
        });
        AtomicReference<BufferedImage> shot = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            CbirWindow w = window.get();
            w.validate();
            BufferedImage image = new BufferedImage(w.getRootPane().getWidth(), w.getRootPane().getHeight(),
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            w.getRootPane().paint(g);
            g.dispose();
            shot.set(image);
            w.dispose();
        });
        Path png = Path.of("target", "gui-review.png");
        Files.createDirectories(png.getParent());
        assertTrue(ImageIO.write(shot.get(), "png", png.toFile()));
    }
}
