package org.cbir.cluster.label;

/**
 * Suggestions whose confidence lies in {@code [from, to)} ({@code to} included when it is 1), or
 * for a threshold row, at least {@code from}: how many there are and how many are right.
 *
 * @param from the lowest confidence counted
 * @param to the bound above the confidences counted
 * @param count suggestions in the bucket
 * @param correct those whose label was right
 * @param meanConfidence their mean confidence (NaN when the bucket is empty)
 */
public record ConfidenceBucket(double from, double to, int count, int correct, double meanConfidence) {

    /** The share of right suggestions (NaN when empty). */
    public double accuracy() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }
}
