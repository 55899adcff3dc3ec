package org.cbir.nets.train;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a training run did: the mean training loss of each epoch run, in order, and how long the
 * run took. An extractor has one right after it was trained; one restored from disk has none.
 *
 * @param epochLosses the mean cross-entropy of each epoch (dropout active, as measured during it)
 * @param duration the wall-clock time of the whole run
 */
public record TrainingHistory(List<Double> epochLosses, Duration duration) {

    /** Copies the list. */
    public TrainingHistory {
        epochLosses = List.copyOf(epochLosses);
        Objects.requireNonNull(duration, "duration");
    }

    /** The number of epochs run. */
    public int epochs() {
        return epochLosses.size();
    }

    /** The loss of the last epoch run, or NaN if none ran. */
    public double finalLoss() {
        return epochLosses.isEmpty() ? Double.NaN : epochLosses.get(epochLosses.size() - 1);
    }
}
