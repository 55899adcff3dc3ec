package org.cbir.core;

/**
 * Told how far a long job (extraction, training, indexing, evaluation) has come. Called from
 * worker threads, possibly concurrently: implementations must be thread-safe and quick (a GUI
 * hands the numbers to its event thread). To cancel a job, interrupt the thread that runs it.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (stage, done, total) -> { };

    /**
     * @param stage what is running, e.g. {@code "extracting"}
     * @param done units finished so far
     * @param total units in the job, or -1 when unknown
     */
    void onProgress(String stage, long done, long total);
}
