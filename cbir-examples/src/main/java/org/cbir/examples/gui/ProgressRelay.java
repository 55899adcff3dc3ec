package org.cbir.examples.gui;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.cbir.core.ProgressListener;

/**
 * Hands progress reports from worker threads to the model's thread, coalesced: while one hand-over
 * is pending, newer reports replace the pending one instead of queuing more, so thousands of
 * reports a second cost the event thread one update per repaint. Thread-safe.
 */
final class ProgressRelay implements ProgressListener {
    private final GuiModel model;
    private final Executor ui;
    private final String prefix;
    private final AtomicReference<Progress> pending = new AtomicReference<>();

    /**
     * @param ui runs tasks on the model's thread
     * @param prefix put before each stage name, e.g. {@code "PCA 4: "}; empty for none
     */
    ProgressRelay(GuiModel model, Executor ui, String prefix) {
        this.model = Objects.requireNonNull(model, "model");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** The same relay with stage names prefixed by {@code prefix}. */
    ProgressRelay prefixed(String prefix) {
        return new ProgressRelay(model, ui, prefix);
    }

    @Override
    public void onProgress(String stage, long done, long total) {
        if (pending.getAndSet(new Progress(prefix + stage, done, total)) == null) {
            ui.execute(() -> {
                Progress latest = pending.getAndSet(null);
                if (latest != null) {
                    model.setProgress(latest);
                }
            });
        }
    }
}
