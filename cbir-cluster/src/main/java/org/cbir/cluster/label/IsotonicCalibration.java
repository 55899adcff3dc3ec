package org.cbir.cluster.label;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Maps a raw score to the probability that a suggestion with that score is right: the isotonic
 * (non-decreasing) regression of correctness on score, fitted by pool-adjacent-violators (Ayer
 * et al. 1955; as a calibrator: Zadrozny and Elkan, KDD 2002) on held-aside labelled images whose
 * label was suggested as if they were unlabelled. Among held-aside suggestions whose calibrated
 * confidence is at least c, the share that is right is then at least c (up to the noise of the
 * held-aside sample), which is what a review threshold needs. Each step's share is smoothed by
 * Laplace's rule of succession ({@code (right + 1) / (count + 2)}), so that a step fitted on a
 * handful of images never claims a certainty of 0 or 1.
 *
 * <p>The fitted function is a step function: a score takes the value of the last step that
 * starts at or below it; a score below the first step takes the first step's value.
 * Immutable and thread-safe.
 */
public final class IsotonicCalibration {

    /**
     * One step of the fitted function.
     *
     * @param fromScore the lowest raw score of the step
     * @param probability the smoothed share of held-aside suggestions in the step that were right
     * @param count how many held-aside suggestions the step pools
     */
    public record Step(double fromScore, double probability, int count) {
    }

    private final double[] starts;
    private final double[] values;
    private final List<Step> steps;

    private IsotonicCalibration(List<Step> steps) {
        this.steps = List.copyOf(steps);
        this.starts = steps.stream().mapToDouble(Step::fromScore).toArray();
        this.values = steps.stream().mapToDouble(Step::probability).toArray();
    }

    /**
     * Fits the calibration to held-aside suggestions: their raw scores and whether each was right.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty or hold a NaN
     */
    public static IsotonicCalibration fit(double[] scores, boolean[] correct) {
        if (scores.length != correct.length || scores.length == 0) {
            throw new IllegalArgumentException("calibration needs as many outcomes as scores, at least one; got "
                    + scores.length + " scores and " + correct.length + " outcomes");
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        // Blocks of equal scores first, then pooled while a block's mean exceeds the next one's.
        List<double[]> blocks = new ArrayList<>(); // {fromScore, rightCount, count}
        for (int at = 0; at < order.length; ) {
            double score = scores[order[at]];
            double right = 0;
            int count = 0;
            while (at < order.length && scores[order[at]] == score) {
                right += correct[order[at]] ? 1 : 0;
                count++;
                at++;
            }
            blocks.add(new double[] {score, right, count});
            while (blocks.size() > 1 && mean(blocks.get(blocks.size() - 2)) >= mean(blocks.get(blocks.size() - 1))) {
                double[] last = blocks.remove(blocks.size() - 1);
                double[] previous = blocks.get(blocks.size() - 1);
                previous[1] += last[1];
                previous[2] += last[2];
            }
        }
        List<Step> steps = new ArrayList<>(blocks.size());
        double floor = 0;
        for (double[] b : blocks) {
            // Add-one smoothing, then the running maximum so that the steps stay non-decreasing.
            floor = Math.max(floor, (b[1] + 1) / (b[2] + 2));
            steps.add(new Step(b[0], floor, (int) b[2]));
        }
        return new IsotonicCalibration(steps);
    }

    private static double mean(double[] block) {
        return block[1] / block[2];
    }

    /** The calibrated probability for a raw score. */
    public double apply(double score) {
        int at = Arrays.binarySearch(starts, score);
        int step = at >= 0 ? at : Math.max(0, -at - 2);
        return values[step];
    }

    /** The fitted steps, by ascending score. */
    public List<Step> steps() {
        return steps;
    }

    /** How many held-aside suggestions the calibration was fitted on. */
    public int sampleSize() {
        return steps.stream().mapToInt(Step::count).sum();
    }
}
