package org.cbir.examples.gui;

import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cbir.core.image.Images;
import org.cbir.eval.sheet.ResultSheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the GUI's buttons do. Each action checks its inputs at once (reporting a missing database or
 * query as a {@link GuiModel.Failure}), marks the job as running in the model, and runs the work on
 * one worker thread, so the event thread never waits; progress, results, the final status and any
 * failure come back to the model through the {@code ui} executor. One job runs at a time:
 * an action while another runs does nothing and returns {@code false}. {@link #cancel()} interrupts
 * the worker, which stops the pipeline with a {@link CancellationException}.
 *
 * <p>Its public methods must be called on the model's thread (the Swing event thread), like the
 * model's own. {@link #close()} stops the worker.
 */
public final class GuiController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuiController.class);

    private final GuiModel model;
    private final Executor ui;
    private final ExecutorService worker;
    /** The last job started; touched on the model's thread only. */
    private Job<?> running;
    /** The pipeline of the last search; written and read on the worker thread only. */
    private volatile IndexedPipeline indexed;

    /**
     * @param model the state to read options from and to update
     * @param ui runs tasks on the model's thread, e.g. {@code SwingUtilities::invokeLater}
     */
    public GuiController(GuiModel model, Executor ui) {
        this.model = Objects.requireNonNull(model, "model");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cbir-gui-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Indexes the database (or loads the store) unless the last search already did with the same
     * options, and answers every query; the model then holds the {@link SearchResults}.
     *
     * @return whether the search started
     */
    public boolean search() {
        if (model.isBusy()) {
            return false;
        }
        DatabaseSource source = model.database().orElse(null);
        if (source == null) {
            return refuse("Search", "choose a database folder, a CSV list or a saved store first");
        }
        if (model.queries().isEmpty()) {
            return refuse("Search", "choose query images or a folder of them first (or drop them on the query list)");
        }
        RetrievalSettings settings = model.settings();
        List<Path> queries = model.queries();
        ProgressRelay progress = new ProgressRelay(model, ui, "");
        start("search", () -> {
            SearchTask.Outcome outcome = new SearchTask(source, settings, queries, indexed, progress).run();
            indexed = outcome.indexed();
            return outcome.results();
        }, results -> {
            model.setResults(results);
            long judged = results.judgedPredictions();
            return results.summary() + "; " + results.rows().size() + " queries answered"
                    + (judged == 0 ? "" : String.format(Locale.ROOT, ", predicted label right for %d of %d",
                    results.correctPredictions(), judged));
        });
        return true;
    }

    /**
     * Evaluates the chosen pipeline on the database (MAP, k-accuracy) and runs the PCA sweep of the
     * evaluation options; the model then holds the {@link EvaluationOutcome}.
     *
     * @return whether the evaluation started
     */
    public boolean evaluate() {
        if (model.isBusy()) {
            return false;
        }
        DatabaseSource source = model.database().orElse(null);
        if (source == null) {
            return refuse("Evaluation", "choose a labelled database folder, CSV list or saved store first");
        }
        RetrievalSettings settings = model.settings();
        EvaluationOptions options = model.evaluationOptions();
        ProgressRelay progress = new ProgressRelay(model, ui, "");
        start("evaluation", () -> new EvaluationTask(source, settings, options, indexed, progress).run(), outcome -> {
            model.setEvaluation(outcome);
            return String.format(Locale.ROOT, "MAP %.4f over %d queries in %d ms (%s)", outcome.report().map(),
                    outcome.report().counts().queries(), outcome.report().elapsed().toMillis(), outcome.report().pipeline());
        });
        return true;
    }

    /**
     * Saves the pipeline of the last search as a store in {@code directory} (replaced atomically).
     *
     * @return whether the save started
     */
    public boolean saveStore(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (model.isBusy()) {
            return false;
        }
        SearchResults results = model.results().orElse(null);
        if (results == null) {
            return refuse("Saving the store", "run a search first: there is no indexed pipeline to save");
        }
        start("saving the store", () -> {
            results.pipeline().save(directory);
            return directory;
        }, dir -> "saved " + results.pipeline().size() + " images to " + dir);
        return true;
    }

    /**
     * Writes the last results as a result sheet PNG ({@link ResultSheet}): a row per query, its
     * matches framed green or red.
     *
     * @return whether the save started
     */
    public boolean saveSheet(Path png) {
        Objects.requireNonNull(png, "png");
        if (model.isBusy()) {
            return false;
        }
        SearchResults results = model.results().orElse(null);
        if (results == null || results.rows().isEmpty()) {
            return refuse("Saving the result sheet", "run a search first: there are no results to draw");
        }
        start("saving the result sheet", () -> {
            List<ResultSheet.Row> rows = new ArrayList<>();
            for (QueryRow row : results.rows()) {
                SearchTask.checkNotCancelled();
                rows.add(new ResultSheet.Row(row.path().toString(), Images.read(row.path()), row.label(), row.result()));
            }
            ResultSheet.builder().build().write(rows, png);
            return png;
        }, file -> "wrote the result sheet " + file);
        return true;
    }

    /** Asks the running job to stop; it ends as "cancelled" soon after. Does nothing when idle. */
    public void cancel() {
        if (running != null && model.isBusy()) {
            running.cancel();
            model.setStatus("cancelling " + model.job().orElse("") + "...");
        }
    }

    /** Stops the worker, interrupting a running job. */
    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** The work of a job, run on the worker thread. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws Exception;
    }

    /** What to do with a job's value on the model's thread; returns the status line. */
    @FunctionalInterface
    interface Done<T> {
        String accept(T value);
    }

    /** Marks the job as running and hands it to the worker; package-private for tests of cancellation. */
    <T> void start(String name, Work<T> work, Done<T> done) {
        model.startJob(name);
        Job<T> job = new Job<>(name, work, done);
        running = job;
        worker.execute(job);
    }

    /**
     * A job on the worker thread. Cancelling sets a flag and interrupts the thread that runs it;
     * a job cancelled before it starts ends at once. Either way the model hears "cancelled".
     */
    private final class Job<T> implements Runnable {
        private final String name;
        private final Work<T> work;
        private final Done<T> done;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private volatile Thread thread;

        Job(String name, Work<T> work, Done<T> done) {
            this.name = name;
            this.work = work;
            this.done = done;
        }

        void cancel() {
            cancelled.set(true);
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                if (cancelled.get()) {
                    throw new CancellationException(name + " cancelled");
                }
                T value = work.run();
                if (cancelled.get()) {
                    throw new CancellationException(name + " cancelled");
                }
                ui.execute(() -> model.finishJob(done.accept(value)));
            } catch (Exception e) {
                if (cancelled.get() || isCancellation(e)) {
                    ui.execute(() -> model.finishJob(name + " cancelled"));
                } else {
                    LOG.debug("{} failed", name, e);
                    String message = ErrorMessages.describe(e);
                    ui.execute(() -> {
                        model.finishJob(name + " failed");
                        model.fail(new GuiModel.Failure(capitalised(name) + " failed", message));
                    });
                }
            } catch (OutOfMemoryError e) {
                ui.execute(() -> {
                    model.finishJob(name + " failed");
                    model.fail(new GuiModel.Failure(capitalised(name) + " failed",
                            "out of memory: give Java more with -Xmx, or use a smaller collection"));
                });
            } finally {
                thread = null;
                Thread.interrupted();
            }
        }
    }

    private boolean refuse(String what, String why) {
        model.fail(new GuiModel.Failure(what + " needs more input", why));
        return false;
    }

    private static boolean isCancellation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CancellationException || t instanceof InterruptedException
                    || t instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
