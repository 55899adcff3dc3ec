package org.cbir.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.cbir.core.ProgressListener;

/**
 * Shows a long step's progress on the error stream: a bar redrawn in place, with count, rate and
 * time left, when it is a terminal; otherwise a plain line at every tenth of the work. Thread-safe.
 */
public final class ConsoleProgress implements ProgressListener {
    private static final int BAR = 30;
    private final PrintWriter err;
    private final boolean terminal;
    private String stage;
    private long stageStart;
    private long lastTenth = -1;

    ConsoleProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Progress on the process's standard error, drawn as a bar when it is a terminal. */
    public static ConsoleProgress onStandardError(PrintWriter err) {
        return new ConsoleProgress(err, System.console() != null);
    }

    @Override
    public synchronized void onProgress(String stage, long done, long total) {
        long now = System.nanoTime();
        if (!stage.equals(this.stage)) {
            this.stage = stage;
            stageStart = now;
            lastTenth = -1;
        }
        double seconds = (now - stageStart) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String left = total > 0 && rate > 0 ? String.format(Locale.ROOT, ", %.0f s left", (total - done) / rate) : "";
        if (terminal) {
            int filled = total > 0 ? (int) (BAR * done / total) : 0;
            err.printf(Locale.ROOT, "\r%-12s [%s%s] %d/%d, %s%s   ", stage, "#".repeat(filled),
                    " ".repeat(BAR - filled), done, total, pace(rate), left);
            if (done >= total) {
                err.println();
            }
            err.flush();
            return;
        }
        long tenth = total > 0 ? 10 * done / total : 0;
        if (tenth != lastTenth) {
            lastTenth = tenth;
            err.printf(Locale.ROOT, "%s: %d of %d (%s%s)%n", stage, done, total, pace(rate), left);
            err.flush();
        }
    }

    /** {@code "12/s"}, or for slow stages such as training epochs {@code "8.5 s each"}. */
    static String pace(double perSecond) {
        if (perSecond <= 0) {
            return "0/s";
        }
        return perSecond >= 1 ? String.format(Locale.ROOT, "%.0f/s", perSecond)
                : String.format(Locale.ROOT, "%.1f s each", 1 / perSecond);
    }
}
