package org.cbir.examples.gui;

/**
 * How far the running job has come, as a {@link org.cbir.core.ProgressListener} reported it.
 * Immutable.
 *
 * @param stage what is running, e.g. {@code "indexing"}
 * @param done units finished
 * @param total units in the stage, or -1 when unknown
 */
public record Progress(String stage, long done, long total) {

    /** The finished share in [0, 1], or -1 when the total is unknown. */
    public double fraction() {
        if (total <= 0) {
            return -1;
        }
        return Math.max(0, Math.min(1, (double) done / total));
    }
}
