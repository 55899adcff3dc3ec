package org.cbir.cluster.label;

/**
 * The labels given to {@link LabelSuggester} cannot support suggestions: no image is labelled, a
 * class has a single labelled image (nothing to check its suggestions against), or a label that
 * should be suggested is carried by no labelled image (often a typo in a CSV). The message names
 * the label and an image that shows the problem.
 */
public class LabelInputException extends IllegalArgumentException {
    public LabelInputException(String message) {
        super(message);
    }
}
