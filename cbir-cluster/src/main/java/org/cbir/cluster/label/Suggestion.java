package org.cbir.cluster.label;

import java.util.List;
import java.util.Objects;
import org.cbir.core.ImageRecord;
import org.cbir.core.Match;

/**
 * The label suggested for one unlabelled image.
 *
 * @param image the unlabelled image (its record's label is {@code null})
 * @param label the suggested label
 * @param confidence the calibrated probability that {@code label} is right, in [0, 1]
 * @param score the method's raw score before calibration (a vote share or a propagated share)
 * @param labelledNeighbours the nearest labelled images, closest first: why the label was suggested
 */
public record Suggestion(ImageRecord image, String label, double confidence, double score,
        List<Match> labelledNeighbours) {

    public Suggestion {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(label, "label");
        labelledNeighbours = List.copyOf(labelledNeighbours);
    }
}
