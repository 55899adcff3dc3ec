package org.cbir.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.IndexFactory;
import org.cbir.core.Reducer;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.core.spi.ComponentType;
import org.cbir.eval.Cutoff;
import org.cbir.features.TextureDescriptors;
import org.cbir.features.daisy.DaisyExtractor;
import org.cbir.metrics.Similarities;
import org.cbir.nets.cnn.CnnExtractor;
import org.cbir.nets.cnn.CnnOptions;
import org.cbir.nets.cnn.CompactCnn;
import org.cbir.nets.lenet.LeNet;
import org.cbir.nets.lenet.LeNetOptions;
import org.cbir.nets.train.Augmentation;
import org.cbir.nets.train.RandomAugmentation;

/**
 * Turns the command line's short component names into components:
 * <ul>
 *   <li>extractors: {@code histogram[:BINS]} (first-order statistics and a BINS-bin histogram,
 *       32 by default), {@code intensity-histogram[:BINS]} (the normalised histogram alone, for
 *       the histogram metrics), {@code glcm}, {@code hog}, {@code lbp[:POINTS:RADIUS]}, {@code daisy}, and
 *       {@code lenet[:SIZE[:AUGMENTATION]]}, a LeNet-5 trained by the pipeline's {@code fit} on a
 *       SIZE x SIZE input (32 by default) with an {@link Augmentation#parse augmentation}
 *       ({@code none} by default, as {@code cbir train} without {@code --augment}; e.g.
 *       {@code rot}, {@code 7/14/20+rot}, the paper's, 52 times the training work);
 *       {@code cnn[:SIDE[:AUGMENTATION]]}, a compact CNN trained by {@code fit} on the labels
 *       (cosine softmax, validation-driven) that reads the images at their own size up to SIDE
 *       pixels a side (64 by default) with a {@link RandomAugmentation#parse random augmentation}
 *       ({@code auto}, the default, chooses it from the images; e.g. {@code flip+turn+crop0.8},
 *       {@code none}); and {@code ssl[:SIDE[:AUGMENTATION]]}, the same network trained
 *       self-supervised (SimCLR), which never reads a label;</li>
 *   <li>metrics: the names of {@link Similarities#names()} ({@code cosine}, {@code euclidean}, ...);</li>
 *   <li>reducers: {@code auto} (for the extractors whose dimensions have different units,
 *       first-order statistics and GLCM properties: z-score standardisation, or min-max scaling to
 *       0..1 for a histogram metric, which refuses negative values; none for the others),
 *       {@code none}, {@code zscore}, {@code min-max}, {@code pca:N} (N components) or {@code pca:0.95} (the
 *       fewest components that explain that share of variance).</li>
 * </ul>
 */
public final class ComponentChoices {
    /** The extractor choices, as the options' help lists them. */
    public static final String EXTRACTORS = "histogram[:BINS], intensity-histogram[:BINS], glcm, hog, lbp[:POINTS:RADIUS], daisy,"
            + " lenet[:SIZE[:AUGMENTATION]], cnn[:SIDE[:AUGMENTATION]], ssl[:SIDE[:AUGMENTATION]]";
    /** The most matches a command prints per query. */
    public static final int MAX_RESULTS = 1_000_000;
    private static final String LENET = "lenet";
    private static final Set<String> TRAINED = Set.of(LENET, "cnn", "ssl");
    /** Extractor types whose signature dimensions have different units, standardised by {@code auto}. */
    private static final Set<String> MIXED_UNITS = Set.of("first-order-statistics", "glcm");
    /** The extractors whose signatures never hold a negative value, as the histogram metrics need. */
    public static final String NON_NEGATIVE = "intensity-histogram, lbp, hog, daisy, lenet";

    private ComponentChoices() {
    }

    /**
     * The extractor a choice names, such as {@code histogram:32} or {@code lbp:8:1} (public for
     * the GUI, which builds the same components from the same names).
     *
     * @throws IllegalArgumentException naming the choice if it is unknown or a parameter does not parse
     */
    public static FeatureExtractor extractor(String choice) {
        String[] parts = parts(choice);
        return switch (parts[0]) {
            case "histogram" -> FeatureExtractor.firstOrderStatistics(parts.length > 1
                    ? integer(parts[1], choice, "BINS", 2, 65_536) : 32);
            case "intensity-histogram" -> FeatureExtractor.intensityHistogram(parts.length > 1
                    ? integer(parts[1], choice, "BINS", 2, 65_536) : 32);
            case "glcm" -> noParameters(parts, choice, TextureDescriptors.glcm());
            case "hog" -> noParameters(parts, choice, TextureDescriptors.hog());
            case "lbp" -> lbp(parts, choice);
            case "daisy" -> noParameters(parts, choice, DaisyExtractor.withDefaults());
            case LENET -> lenet(parts, choice);
            case "cnn", "ssl" -> CompactCnn.of(cnn(choice).build());
            default -> throw new IllegalArgumentException("unknown extractor '" + choice + "'; choose one of " + EXTRACTORS);
        };
    }

    /** Whether the extractor a choice names learns from the collection, so that the pipeline must be fitted (public for the GUI). */
    public static boolean trains(String choice) {
        return TRAINED.contains(choice.toLowerCase(Locale.ROOT).split(":")[0]);
    }

    /** Whether a choice names a {@link CnnExtractor} ({@code cnn} or {@code ssl}). */
    public static boolean isCnn(String choice) {
        String type = choice.toLowerCase(Locale.ROOT).split(":")[0];
        return type.equals("cnn") || type.equals("ssl");
    }

    /** The builder of the {@link CnnExtractor} that a {@code cnn[:SIDE[:AUGMENTATION]]} or {@code ssl[...]} choice names. */
    public static CnnOptions.Builder cnn(String choice) {
        String[] parts = choice.toLowerCase(Locale.ROOT).split(":");
        CnnOptions.Builder cnn = parts[0].equals("ssl") ? CnnOptions.simclr() : CnnOptions.builder();
        if (parts.length > 3) {
            throw new IllegalArgumentException("'" + choice + "' is not " + parts[0] + "[:SIDE[:AUGMENTATION]]");
        }
        try {
            if (parts.length > 1) {
                cnn.maxInputSize(integer(parts[1], choice, "SIDE", 8, 1024));
            }
            if (parts.length > 2 && !parts[2].equals("auto")) {
                cnn.augmentation(RandomAugmentation.parse(parts[2]));
            }
            cnn.build();
            return cnn;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + choice + "': " + e.getMessage(), e);
        }
    }

    private static FeatureExtractor lbp(String[] parts, String choice) {
        if (parts.length == 1) {
            return TextureDescriptors.lbp();
        }
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + choice + "' is not lbp or lbp:POINTS:RADIUS (give both, e.g. lbp:16:2)");
        }
        return TextureDescriptors.lbp(integer(parts[1], choice, "POINTS", 1, 32), number(parts[2], choice, "RADIUS", 0.5, 64));
    }

    private static <T> T noParameters(String[] parts, String choice, T component) {
        if (parts.length > 1) {
            throw new IllegalArgumentException("'" + choice + "': " + parts[0] + " takes no parameter");
        }
        return component;
    }

    private static FeatureExtractor lenet(String[] parts, String choice) {
        if (parts.length > 3) {
            throw new IllegalArgumentException("'" + choice + "' is not lenet[:SIZE[:AUGMENTATION]]");
        }
        LeNetOptions.Builder lenet = LeNetOptions.builder().augmentation(Augmentation.none());
        if (parts.length > 1) {
            int size = integer(parts[1], choice, "SIZE", 8, 1024);
            lenet.inputSize(size, size);
        }
        if (parts.length > 2) {
            try {
                lenet.augmentation(Augmentation.parse(parts[2]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + choice + "': " + e.getMessage(), e);
            }
        }
        return LeNet.of(lenet.build());
    }

    /**
     * The index factory a choice names, by the shorthand its module registers
     * ({@link ComponentRegistry#fromShorthand}): {@code exact} (the default), {@code exact:int8[:RERANK]},
     * {@code lsh[:TREES[:CANDIDATES]]}, {@code graph[:SEARCH-BEAM]}, {@code ivf[:LISTS[:PROBES]]},
     * {@code ivf:pq[:LISTS[:PROBES[:M[:RERANK]]]]}, and
     * whatever index another module on the class path registers with a shorthand.
     *
     * @throws IllegalArgumentException naming the choice if it is unknown or a parameter is invalid
     */
    public static IndexFactory index(String choice) {
        return ComponentRegistry.standard().fromShorthand(ComponentRole.INDEX, choice);
    }

    /** The index choices as a user writes them ({@code ivf[:LISTS[:PROBES]]}), for picocli's help. */
    public static final class IndexChoices implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ComponentRegistry.standard().shorthands(ComponentRole.INDEX).stream()
                    .map(ComponentType.Shorthand::usage).iterator();
        }
    }

    /**
     * The metric of a {@link Similarities#names()} name, with its default parameters (public for the GUI).
     *
     * @throws IllegalArgumentException naming the known names if {@code name} is not one
     */
    public static Similarity metric(String name) {
        return Similarities.byName(name.toLowerCase(Locale.ROOT).strip());
    }

    /**
     * The reducer a choice names for {@code extractorChoice} and {@code metricChoice}, or
     * {@code null} for none.
     *
     * @throws IllegalArgumentException if the choice is unknown, or the metric is a histogram
     *     metric that the reduced signatures would give negative values (the message says which
     *     reducers and extractors fit)
     */
    public static Reducer reducer(String choice, String extractorChoice, String metricChoice) {
        String c = choice.toLowerCase(Locale.ROOT);
        boolean histogramMetric = metric(metricChoice).kind() == SimilarityKind.HISTOGRAM;
        boolean signed = MIXED_UNITS.contains(extractor(extractorChoice).spec().type());
        Reducer reducer = switch (c) {
            case "auto" -> !signed ? null : histogramMetric ? Reducer.minMax() : Reducer.zScore();
            case "none" -> null;
            case "zscore", "z-score" -> Reducer.zScore();
            case "min-max", "minmax" -> Reducer.minMax();
            default -> c.startsWith("pca:") ? Pca.reducer(c.substring(4), choice) : unknownReducer(choice);
        };
        if (histogramMetric && (reducer != null ? !reducer.spec().equals(Reducer.minMax().spec()) : signed)) {
            String why = reducer != null ? "--reducer " + choice + " gives signed values"
                    : "the " + extractorChoice + " signature has signed entries";
            throw new IllegalArgumentException("the histogram metric " + metricChoice + " needs non-negative signatures"
                    + " and " + why + ": use --reducer auto or min-max, or an extractor whose signatures are"
                    + " non-negative (" + NON_NEGATIVE + ") with --reducer auto or none");
        }
        return reducer;
    }

    private static Reducer unknownReducer(String choice) {
        throw new IllegalArgumentException("unknown reducer '" + choice
                + "'; choose auto, none, zscore, min-max, pca:N or pca:SHARE");
    }

    /**
     * {@code k}, the matches per query, checked against 1 to {@value #MAX_RESULTS}.
     *
     * @throws IllegalArgumentException naming {@code option} otherwise
     */
    public static int results(int k, String option) {
        if (k < 1 || k > MAX_RESULTS) {
            throw new IllegalArgumentException(option + " " + k + " is out of range: give 1 to " + MAX_RESULTS
                    + " matches per query");
        }
        return k;
    }

    /**
     * The cutoffs of {@code --ks}: whole numbers, or {@code all} (also {@code omega}, {@code ω})
     * for the query's class size; {@code cbir evaluate} and {@code cbir-spark evaluate} read them alike.
     *
     * @throws IllegalArgumentException naming the option if a value is not a whole number in range
     */
    public static List<Cutoff> cutoffs(List<String> ks) {
        List<Cutoff> cutoffs = new ArrayList<>();
        for (String k : ks) {
            String value = k.strip().toLowerCase(Locale.ROOT);
            cutoffs.add(value.equals("all") || value.equals("omega") || value.equals("ω")
                    ? Cutoff.classSize() : Cutoff.of(integer(value, "--ks " + String.join(",", ks), "K", 1, MAX_RESULTS)));
        }
        return cutoffs;
    }

    /** Returns {@code count}, or fails naming {@code option} when it is negative (0 turns an output off). */
    public static int notNegative(int count, String option) {
        if (count < 0) {
            throw new IllegalArgumentException(option + " " + count + " is out of range: give 0 (none) or more");
        }
        return count;
    }

    /** The name and the parameters of a choice; {@code "lbp:"} has an empty parameter, which is refused. */
    private static String[] parts(String choice) {
        String[] parts = choice.toLowerCase(Locale.ROOT).strip().split(":", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("'" + choice + "' has an empty name or parameter");
            }
        }
        return parts;
    }

    /** A whole-number parameter {@code name} within {@code min..max}. */
    public static int integer(String text, String choice, String name, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' in '" + choice + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " in '" + choice + "' is out of range: give "
                    + min + " to " + max);
        }
        return value;
    }

    /** A finite number parameter {@code name} within {@code min..max}. */
    public static double number(String text, String choice, String name, double min, double max) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' in '" + choice + "' is not a number");
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " " + text + " in '" + choice + "' is out of range: give "
                    + min + " to " + max);
        }
        return value;
    }

    /** PCA choices, apart so that the parsing reads as the syntax. */
    private static final class Pca {
        public static Reducer reducer(String argument, String choice) {
            if (argument.contains(".")) {
                return org.cbir.index.pca.Pca.explainedVariance(number(argument, choice, "SHARE", Double.MIN_VALUE, 1));
            }
            return org.cbir.index.pca.Pca.components(integer(argument, choice, "N", 1, 65_536));
        }
    }
}
