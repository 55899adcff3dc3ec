package org.cbir.nets.cnn;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the training of a {@link CnnExtractor} did, epoch by epoch. An extractor has one right after
 * it was trained; one restored from disk has none.
 *
 * @param losses the mean training loss of each epoch run (cosine softmax or NT-Xent, on the
 *     augmented views of that epoch)
 * @param validationMaps the retrieval MAP of each epoch on the validation share (each held-out
 *     image queried against the training share, cosine distance); empty for self-supervised training
 * @param bestEpoch the epoch (from 1) whose weights the extractor kept: the best validation MAP,
 *     or the last epoch for self-supervised training
 * @param duration the wall-clock time of the whole run
 */
public record CnnTrainingReport(List<Double> losses, List<Double> validationMaps, int bestEpoch, Duration duration) {

    /** Copies the lists. */
    public CnnTrainingReport {
        losses = List.copyOf(losses);
        validationMaps = List.copyOf(validationMaps);
        Objects.requireNonNull(duration, "duration");
    }

    /** The number of epochs run. */
    public int epochs() {
        return losses.size();
    }

    /** The validation MAP of the kept epoch, or NaN without validation. */
    public double bestValidationMap() {
        return validationMaps.isEmpty() ? Double.NaN : validationMaps.get(bestEpoch - 1);
    }
}
