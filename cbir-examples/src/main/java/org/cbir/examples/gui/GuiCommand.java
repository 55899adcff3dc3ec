package org.cbir.examples.gui;

import com.formdev.flatlaf.FlatLightLaf;
import java.awt.GraphicsEnvironment;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.swing.SwingUtilities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cbir gui}: opens the desktop window ({@link CbirWindow}), optionally with a database and
 * queries already chosen, and returns when the window is closed.
 */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the desktop window: choose a database and queries, search, evaluate, save.")
public final class GuiCommand implements Callable<Integer> {

    @Option(names = {"-d", "--database"}, description = "A folder of images, a CSV of path,label, or a saved store to open.")
    Path database;

    @Option(names = "--review", paramLabel = "DIR", description = "An output folder of `cbir label` to open on the review tab.")
    Path review;

    @Parameters(arity = "0..*", paramLabel = "QUERY", description = "Query images, or folders of them.")
    List<Path> queries = List.of();

    @Override
    public Integer call() throws IOException, InterruptedException, InvocationTargetException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("cbir gui needs a display (DISPLAY is " + System.getenv("DISPLAY")
                    + "); use 'cbir search' or 'cbir evaluate' without one");
        }
        DatabaseSource source = database == null ? null : DatabaseSource.of(database);
        CountDownLatch closed = new CountDownLatch(1);
        SwingUtilities.invokeAndWait(() -> {
            FlatLightLaf.setup();
            GuiModel model = new GuiModel();
            model.setDatabase(source);
            model.setQueries(queries);
            CbirWindow window = new CbirWindow(model, new GuiController(model, SwingUtilities::invokeLater));
            window.addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent e) {
                    closed.countDown();
                }
            });
            window.setVisible(true);
            if (review != null) {
                window.openReview(review);
            }
        });
        closed.await();
        return 0;
    }
}
