package org.cbir.examples.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything the GUI shows that is not a widget: the retrieval and evaluation options, the chosen
 * database and queries, the running job and its progress, the last results, the status line and
 * the last failure. Views read it and listen to it; the {@link GuiController} changes it. Setting
 * a value equal to the current one tells no listener, so views can write back what they show.
 *
 * <p>Not thread-safe: confined to one thread, the Swing event thread in the application (the
 * controller hands its workers' results to that thread). Listeners are called on it, in the order
 * they were added.
 */
public final class GuiModel {

    /** What changed; listeners re-read that part. */
    public enum Change {
        SETTINGS, EVALUATION_OPTIONS, DATABASE, QUERIES, JOB, PROGRESS, RESULTS, EVALUATION, STATUS, FAILURE
    }

    /** Told of every change of a {@link GuiModel}. */
    @FunctionalInterface
    public interface Listener {
        /** Called after {@code change}, on the model's thread. */
        void modelChanged(Change change);
    }

    /**
     * A job that failed, for an error dialog.
     *
     * @param title what failed, e.g. {@code "Search failed"}
     * @param message why, naming the file at fault when there is one
     */
    public record Failure(String title, String message) {
        /** @throws NullPointerException if a part is null */
        public Failure {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(message, "message");
        }
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private RetrievalSettings settings = RetrievalSettings.defaults();
    private EvaluationOptions evaluationOptions = EvaluationOptions.defaults();
    private DatabaseSource database;
    private List<Path> queries = List.of();
    private String job;
    private Progress progress;
    private SearchResults results;
    private EvaluationOutcome evaluation;
    private String status = "Choose a database and queries, then Run.";
    private Failure failure;

    /** Adds a listener, called after every change. */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added before; does nothing for another. */
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** The retrieval options. */
    public RetrievalSettings settings() {
        return settings;
    }

    /** Sets the retrieval options. */
    public void setSettings(RetrievalSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (!settings.equals(this.settings)) {
            this.settings = settings;
            fire(Change.SETTINGS);
        }
    }

    /** The evaluation options. */
    public EvaluationOptions evaluationOptions() {
        return evaluationOptions;
    }

    /** Sets the evaluation options. */
    public void setEvaluationOptions(EvaluationOptions options) {
        Objects.requireNonNull(options, "options");
        if (!options.equals(this.evaluationOptions)) {
            this.evaluationOptions = options;
            fire(Change.EVALUATION_OPTIONS);
        }
    }

    /** The chosen database, if any. */
    public Optional<DatabaseSource> database() {
        return Optional.ofNullable(database);
    }

    /** Chooses the database; {@code null} for none. */
    public void setDatabase(DatabaseSource database) {
        if (!Objects.equals(database, this.database)) {
            this.database = database;
            fire(Change.DATABASE);
        }
    }

    /** The chosen query files and folders, in the order chosen (unmodifiable). */
    public List<Path> queries() {
        return queries;
    }

    /** Replaces the queries with {@code queries} (files or folders); duplicates are dropped. */
    public void setQueries(List<Path> queries) {
        List<Path> distinct = List.copyOf(new LinkedHashSet<>(queries));
        if (!distinct.equals(this.queries)) {
            this.queries = distinct;
            fire(Change.QUERIES);
        }
    }

    /** Adds {@code more} queries after the chosen ones, as a drop does; ones already chosen are not repeated. */
    public void addQueries(List<Path> more) {
        List<Path> all = new ArrayList<>(queries);
        all.addAll(more);
        setQueries(all);
    }

    /** The name of the running job, e.g. {@code "search"}; empty when idle. */
    public Optional<String> job() {
        return Optional.ofNullable(job);
    }

    /** Whether a job is running (then Run and Evaluate are disabled and Cancel enabled). */
    public boolean isBusy() {
        return job != null;
    }

    /**
     * Marks {@code name} as running, with unknown progress.
     *
     * @throws IllegalStateException if another job is running
     */
    public void startJob(String name) {
        Objects.requireNonNull(name, "name");
        if (job != null) {
            throw new IllegalStateException("'" + job + "' is still running");
        }
        job = name;
        progress = new Progress(name, 0, -1);
        fire(Change.JOB);
        fire(Change.PROGRESS);
        setStatus(name + "...");
    }

    /** Marks the running job as finished and shows {@code status}. */
    public void finishJob(String status) {
        job = null;
        progress = null;
        fire(Change.JOB);
        fire(Change.PROGRESS);
        setStatus(status);
    }

    /** The running job's progress; empty when idle. */
    public Optional<Progress> progress() {
        return Optional.ofNullable(progress);
    }

    /** Updates the running job's progress; ignored when no job runs (a late report of a finished one). */
    public void setProgress(Progress progress) {
        if (job != null && !Objects.equals(progress, this.progress)) {
            this.progress = progress;
            fire(Change.PROGRESS);
        }
    }

    /** The results of the last search, if any. */
    public Optional<SearchResults> results() {
        return Optional.ofNullable(results);
    }

    /** Shows the results of a search. */
    public void setResults(SearchResults results) {
        this.results = results;
        fire(Change.RESULTS);
    }

    /** The outcome of the last evaluation, if any. */
    public Optional<EvaluationOutcome> evaluation() {
        return Optional.ofNullable(evaluation);
    }

    /** Shows the outcome of an evaluation. */
    public void setEvaluation(EvaluationOutcome evaluation) {
        this.evaluation = evaluation;
        fire(Change.EVALUATION);
    }

    /** The status line. */
    public String status() {
        return status;
    }

    /** Sets the status line. */
    public void setStatus(String status) {
        Objects.requireNonNull(status, "status");
        if (!status.equals(this.status)) {
            this.status = status;
            fire(Change.STATUS);
        }
    }

    /** The last failure, until the next one. */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** Reports a failure: the view shows it in a dialog, and the status line repeats its title. */
    public void fail(Failure failure) {
        this.failure = Objects.requireNonNull(failure, "failure");
        fire(Change.FAILURE);
        setStatus(failure.title() + ": " + failure.message());
    }

    private void fire(Change change) {
        for (Listener listener : listeners) {
            listener.modelChanged(change);
        }
    }
}
