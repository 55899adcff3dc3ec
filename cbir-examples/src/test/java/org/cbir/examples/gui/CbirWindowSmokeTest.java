package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.formdev.flatlaf.FlatLightLaf;
import java.awt.Component;
import java.awt.Container;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JDialog;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * Opens the real window on a display (a virtual one, e.g. {@code Xvfb :99}, with {@code DISPLAY=:99}),
 * searches the shared GISAXS queries, opens a match full size, and saves a picture of the window to {@code docs/gui.png}
 * (or the path in the system property {@code cbir.gui.screenshot}); then evaluates the collection
 * with a PCA sweep and saves the evaluation tab to {@code target/gui-evaluation.png}. Skipped
 * without a display, as in CI.
 */
class CbirWindowSmokeTest {

    @Test
    void searchesTheGisaxsSamplesAndSavesAScreenshot() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(), "no display");
        assumeTrue(System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank(), "DISPLAY is not set");
        Path gisaxs = GuiSamples.gisaxs();
        AtomicReference<CbirWindow> window = new AtomicReference<>();
        AtomicReference<GuiModel> model = new AtomicReference<>();
        AtomicReference<GuiController> controllerRef = new AtomicReference<>();
        AtomicReference<CountDownLatch> finished = new AtomicReference<>(new CountDownLatch(1));
        SwingUtilities.invokeAndWait(() -> {
            FlatLightLaf.setup();
            GuiModel m = new GuiModel();
            GuiController controller = new GuiController(m, SwingUtilities::invokeLater);
            CbirWindow w = new CbirWindow(m, controller);
            w.setSize(1600, 1000);
            w.setLocation(0, 0);
            w.setVisible(true);
            m.addListener(change -> {
                if (change == GuiModel.Change.JOB && !m.isBusy()) {
                    finished.get().countDown();
                }
            });
            m.setDatabase(new DatabaseSource(gisaxs.resolve("database"), DatabaseSource.Kind.FOLDER));
            m.setQueries(List.of(gisaxs.resolve("query")));
            m.setSettings(m.settings().withK(8));
            window.set(w);
            model.set(m);
            controllerRef.set(controller);
            assertTrue(controller.search());
        });
        try {
            assertTrue(finished.get().await(120, TimeUnit.SECONDS), "the search ends");
            SwingUtilities.invokeAndWait(() -> {
                GuiModel m = model.get();
                assertTrue(m.failure().isEmpty(), () -> m.failure().toString());
                assertEquals(8, m.results().orElseThrow().rows().size());
            });
            BufferedImage image = paint(window.get());
            assertTrue(count(image, ResultCell.SAME_LABEL.getRGB()) > 1000, "green frames are drawn");
            Path png = Path.of(System.getProperty("cbir.gui.screenshot", "../docs/gui.png"));
            Files.createDirectories(png.toAbsolutePath().getParent());
            assertTrue(ImageIO.write(image, "png", png.toFile()));

            openFirstMatch(window.get(), model.get().results().orElseThrow().rows().get(0));

            finished.set(new CountDownLatch(1));
            SwingUtilities.invokeAndWait(() -> {
                model.get().setEvaluationOptions(new EvaluationOptions(0.1, 42, List.of(1, 4, 16)));
                assertTrue(controllerRef.get().evaluate());
            });
            assertTrue(finished.get().await(300, TimeUnit.SECONDS), "the evaluation ends");
            SwingUtilities.invokeAndWait(() -> {
                GuiModel m = model.get();
                assertTrue(m.failure().isEmpty(), () -> m.failure().toString());
                assertEquals(3, m.evaluation().orElseThrow().sweep().size());
            });
            ImageIO.write(paint(window.get()), "png", Path.of("target", "gui-evaluation.png").toFile());
        } finally {
            SwingUtilities.invokeAndWait(() -> window.get().dispose());
        }
    }

    /** Clicks the first match of the first row and checks that a viewer opens with its path and image. */
    private static void openFirstMatch(CbirWindow window, QueryRow row) throws Exception {
        String path = row.result().matches().get(0).path();
        SwingUtilities.invokeAndWait(() -> {
            List<ResultCell> cells = new ArrayList<>();
            collect(window.getContentPane(), ResultCell.class, cells);
            ResultCell match = cells.get(1);
            match.dispatchEvent(new MouseEvent(match, MouseEvent.MOUSE_CLICKED,
                    System.currentTimeMillis(), 0, 5, 5, 1, false));
        });
        JDialog viewer = null;
        for (int attempt = 0; attempt < 100 && viewer == null; attempt++) {
            Thread.sleep(100);
            AtomicReference<JDialog> found = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> {
                for (Window w : Window.getWindows()) {
                    if (w instanceof JDialog d && d.isVisible() && d.getTitle().contains(" x ")) {
                        found.set(d);
                    }
                }
            });
            viewer = found.get();
        }
        assertTrue(viewer != null, "a viewer opens and shows the image's size in its title");
        JDialog shown = viewer;
        SwingUtilities.invokeAndWait(() -> {
            List<JTextField> fields = new ArrayList<>();
            collect(shown.getContentPane(), JTextField.class, fields);
            assertEquals(Path.of(path).toAbsolutePath().normalize().toString(), fields.get(0).getText());
            assertTrue(shown.getTitle().startsWith(Path.of(path).getFileName() + "  (100 x 100)"), shown.getTitle());
            shown.dispose();
        });
    }

    private static <T> void collect(Container container, Class<T> type, List<T> found) {
        for (Component c : container.getComponents()) {
            if (type.isInstance(c)) {
                found.add(type.cast(c));
            }
            if (c instanceof Container inner) {
                collect(inner, type, found);
            }
        }
    }

    /** The window's content as it is drawn now, painted on the event thread. */
    private static BufferedImage paint(CbirWindow window) throws Exception {
        AtomicReference<BufferedImage> shot = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            window.validate();
            BufferedImage image = new BufferedImage(window.getRootPane().getWidth(), window.getRootPane().getHeight(),
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            window.getRootPane().paint(g);
            g.dispose();
            shot.set(image);
        });
        return shot.get();
    }

    private static long count(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) | 0xff000000) == (rgb | 0xff000000) ? 1 : 0;
            }
        }
        return n;
    }
}
