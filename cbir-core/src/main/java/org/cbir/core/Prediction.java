package org.cbir.core;

/**
 * The label a query most likely has, by majority vote of its matches' labels.
 *
 * @param label the winning label; ties go to the label of the best-ranked match among them
 * @param confidence the winner's share of the votes, in (0, 1]
 * @param votes how many matches carry the winning label
 */
public record Prediction(String label, double confidence, int votes) {
}
