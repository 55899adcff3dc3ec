package org.cbir.eval;

import org.cbir.core.ProgressListener;

/**
 * Passes the counts of one stage, finished by several worker threads, to a listener in increasing
 * order: a worker that counted 18 but reports after another's 20 is dropped, so the listener
 * never sees the work go backwards. Thread-safe; the listener is called by one thread at a time.
 */
final class OrderedProgress {
    private final ProgressListener listener;
    private final String stage;
    private final long total;
    private long reported = -1;

    OrderedProgress(ProgressListener listener, String stage, long total) {
        this.listener = listener;
        this.stage = stage;
        this.total = total;
    }

    /** Tells the listener that {@code done} units are finished, unless it was told more already. */
    synchronized void report(long done) {
        if (done > reported) {
            reported = done;
            listener.onProgress(stage, done, total);
        }
    }
}
