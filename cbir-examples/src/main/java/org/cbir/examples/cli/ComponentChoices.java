package org.cbir.examples.cli;

import java.util.Locale;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Reducer;
import org.cbir.core.Similarity;
import org.cbir.core.extract.FirstOrderStatistics;
import org.cbir.core.reduce.ZScore;
import org.cbir.features.TextureDescriptors;
import org.cbir.features.daisy.DaisyExtractor;
import org.cbir.metrics.Metrics;

/**
 * Turns the command line's short component names into components:
 * <ul>
 *   <li>extractors: {@code histogram[:BINS]} (first-order statistics and a BINS-bin histogram,
 *       32 by default), {@code glcm}, {@code hog}, {@code lbp[:POINTS:RADIUS]}, {@code daisy};</li>
 *   <li>metrics: the names of {@link Metrics#names()} ({@code cosine}, {@code euclidean}, ...);</li>
 *   <li>reducers: {@code none}, {@code zscore}, {@code pca:N} (N components) or {@code pca:0.95}
 *       (the fewest components that explain that share of variance).</li>
 * </ul>
 */
public final class ComponentChoices {
    static final String EXTRACTORS = "histogram[:BINS], glcm, hog, lbp[:POINTS:RADIUS], daisy";

    private ComponentChoices() {
    }

    /**
     * The extractor a choice names, such as {@code histogram:32} or {@code lbp:8:1} (public for
     * the GUI, which builds the same components from the same names).
     *
     * @throws IllegalArgumentException naming the choice if it is unknown or a parameter does not parse
     */
    public static FeatureExtractor extractor(String choice) {
        String[] parts = choice.toLowerCase(Locale.ROOT).split(":");
        return switch (parts[0]) {
            case "histogram" -> FirstOrderStatistics.withHistogram(parts.length > 1 ? integer(parts[1], choice) : 32);
            case "glcm" -> TextureDescriptors.glcm();
            case "hog" -> TextureDescriptors.hog();
            case "lbp" -> parts.length == 3
                    ? TextureDescriptors.lbp(integer(parts[1], choice), number(parts[2], choice))
                    : TextureDescriptors.lbp();
            case "daisy" -> DaisyExtractor.withDefaults();
            default -> throw new IllegalArgumentException("unknown extractor '" + choice + "'; choose one of " + EXTRACTORS);
        };
    }

    /**
     * The metric of a {@link Metrics#names()} name, with its default parameters (public for the GUI).
     *
     * @throws IllegalArgumentException naming the known names if {@code name} is not one
     */
    public static Similarity metric(String name) {
        return Metrics.byName(name.toLowerCase(Locale.ROOT));
    }

    /** The reducer, or {@code null} for {@code none}. */
    static Reducer reducer(String choice) {
        String c = choice.toLowerCase(Locale.ROOT);
        if (c.equals("none")) {
            return null;
        }
        if (c.equals("zscore") || c.equals("z-score")) {
            return ZScore.standardisation();
        }
        if (c.startsWith("pca:")) {
            return Pca.reducer(c.substring(4), choice);
        }
        throw new IllegalArgumentException("unknown reducer '" + choice + "'; choose none, zscore, pca:N or pca:SHARE");
    }

    static int integer(String text, String choice) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' in '" + choice + "' is not a whole number");
        }
    }

    static double number(String text, String choice) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' in '" + choice + "' is not a number");
        }
    }

    /** PCA choices, apart so that the parsing reads as the syntax. */
    private static final class Pca {
        static Reducer reducer(String argument, String choice) {
            if (argument.contains(".")) {
                return org.cbir.index.pca.Pca.explainedVariance(number(argument, choice));
            }
            return org.cbir.index.pca.Pca.components(integer(argument, choice));
        }
    }
}
