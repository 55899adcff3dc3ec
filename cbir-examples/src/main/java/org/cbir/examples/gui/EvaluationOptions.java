package org.cbir.examples.gui;

import java.util.List;
import java.util.Locale;

/**
 * How the evaluation tab evaluates: the share of each class that only fits the pipeline, the seed
 * of that split, and the PCA component counts of the MAP-versus-PCA sweep. Immutable.
 *
 * @param fitFraction share of each class used only for fitting, in [0, 1); 0 fits nothing and
 *     evaluates every image (the pipelines must then need no fitting)
 * @param seed seed of the stratified split
 * @param pcaSweep PCA component counts to chart MAP against, each at least 1; empty for no chart
 */
public record EvaluationOptions(double fitFraction, long seed, List<Integer> pcaSweep) {

    /**
     * @throws IllegalArgumentException if the fraction is out of range or a count is below 1
     */
    public EvaluationOptions {
        if (!(fitFraction >= 0 && fitFraction < 1)) {
            throw new IllegalArgumentException("the fit fraction must be in [0, 1), got " + fitFraction);
        }
        pcaSweep = List.copyOf(pcaSweep);
        for (int n : pcaSweep) {
            if (n < 1) {
                throw new IllegalArgumentException("PCA component counts must be at least 1, got " + n);
            }
        }
    }

    /** The command line's defaults: 10% for fitting, seed 42, a sweep over 1, 2, 4, ..., 32 components. */
    public static EvaluationOptions defaults() {
        return new EvaluationOptions(0.1, 42, List.of(1, 2, 4, 8, 16, 32));
    }

    /**
     * Parses a sweep typed as comma- or blank-separated whole numbers, e.g. {@code "1, 2, 4"}; blank
     * text gives no sweep.
     *
     * @throws IllegalArgumentException naming the part that is not a whole number of at least 1
     */
    public static List<Integer> parseSweep(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(trimmed.split("[,\\s]+")).map(part -> {
            try {
                int n = Integer.parseInt(part);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' in the PCA sweep '" + text
                        + "' is not a whole number of at least 1");
            }
        }).toList();
    }

    /** The sweep as {@link #parseSweep} reads it back, e.g. {@code "1, 2, 4"}. */
    public String sweepText() {
        return String.join(", ", pcaSweep.stream().map(n -> String.format(Locale.ROOT, "%d", n)).toList());
    }
}
