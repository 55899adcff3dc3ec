package org.cbir.cluster.label;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cbir.core.ImageRecord;

/**
 * The images of a suggestion task split into labelled seeds and unlabelled ones, checked: at
 * least one labelled image, and at least two labelled images in every class (a single one cannot
 * be held aside to calibrate, nor told from a typo). Classes are numbered in order of first
 * appearance. Immutable.
 */
record LabelSeeds(List<ImageRecord> all, List<ImageRecord> labelled, List<ImageRecord> unlabelled,
        List<String> classes, Map<String, Integer> classNumbers) {

    static LabelSeeds of(List<ImageRecord> records) {
        Objects.requireNonNull(records, "records");
        List<ImageRecord> labelled = new ArrayList<>();
        List<ImageRecord> unlabelled = new ArrayList<>();
        Map<String, List<ImageRecord>> byClass = new LinkedHashMap<>();
        for (ImageRecord r : records) {
            if (r.label() == null) {
                unlabelled.add(r);
            } else {
                labelled.add(r);
                byClass.computeIfAbsent(r.label(), c -> new ArrayList<>()).add(r);
            }
        }
        if (labelled.isEmpty()) {
            throw new LabelInputException("none of the " + records.size() + " images is labelled: label at least two"
                    + " images of each class (a class sub-folder, or a label in the CSV's second column)");
        }
        for (Map.Entry<String, List<ImageRecord>> c : byClass.entrySet()) {
            if (c.getValue().size() == 1) {
                throw new LabelInputException("the class '" + c.getKey() + "' has a single labelled image ("
                        + c.getValue().get(0).path() + "): label at least one more of its images, or correct the"
                        + " label if it is a typo");
            }
        }
        List<String> classes = List.copyOf(byClass.keySet());
        Map<String, Integer> numbers = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            numbers.put(classes.get(i), i);
        }
        return new LabelSeeds(List.copyOf(records), List.copyOf(labelled), List.copyOf(unlabelled), classes,
                Map.copyOf(numbers));
    }

    /**
     * Fails when a label of {@code truths} (the hidden labels of the unlabelled images, by id) is
     * carried by no labelled image: it could never be suggested.
     */
    void requireKnown(Map<Long, String> truths) {
        for (ImageRecord r : unlabelled) {
            String truth = truths.get(r.id());
            if (truth != null && !classNumbers.containsKey(truth)) {
                throw new LabelInputException("the label '" + truth + "' (of " + r.path() + ") appears only among"
                        + " the unlabelled images, so it can never be suggested: a typo? The labelled classes are "
                        + classes);
            }
        }
    }
}
