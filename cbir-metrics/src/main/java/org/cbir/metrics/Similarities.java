package org.cbir.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;

/**
 * The similarity metrics of Araujo et al.'s pyCBIR ("Reverse Image Search for Scientific Data
 * within and beyond the Visible Spectrum"), plus city-block, all as distances: smaller is
 * closer, so that a ranking never inverts.
 *
 * <p>Real-valued vectors: {@link #euclidean()}, {@link #cityBlock()}, {@link #chebyshev()},
 * {@link #pearson()}, and cosine, which cbir-core defines ({@link Similarity#cosine()}; it is in
 * {@link #all()} and {@link #byName}). Histograms (kind {@link SimilarityKind#HISTOGRAM}:
 * non-negative, each normalised to sum 1 first; see each class for its formula and edge cases):
 * {@link #chiSquare()}, {@link #kullbackLeibler()}, {@link #jeffrey()},
 * {@link #kolmogorovSmirnov()}, {@link #cramerVonMises()}, {@link #earthMovers()}. They refuse a
 * negative entry: give them non-negative signatures (the intensity histogram, LBP, HOG, Daisy,
 * CNN activations after ReLU) or rescale signed ones with {@link org.cbir.core.Reducer#minMax()}.
 *
 * <p>All returned metrics are immutable and thread-safe; the parameterless ones are shared
 * instances.
 */
public final class Similarities {
    private static final Similarity EUCLIDEAN = new EuclideanDistance();
    private static final Similarity CITY_BLOCK = new CityBlockDistance();
    private static final Similarity CHEBYSHEV = new ChebyshevDistance();
    private static final Similarity PEARSON = new PearsonDistance();
    private static final Similarity CHI_SQUARE = new ChiSquareDistance();
    private static final Similarity KULLBACK_LEIBLER = new KullbackLeiblerDivergence();
    private static final Similarity JEFFREY = new JeffreyDivergence();
    private static final Similarity KOLMOGOROV_SMIRNOV = new KolmogorovSmirnovDistance();
    private static final Similarity CRAMER_VON_MISES = new CramerVonMisesDistance();
    private static final Similarity EARTH_MOVERS = new EarthMoversDistance();

    /** The default instance of each metric by type name, in pyCBIR's order. */
    private static final Map<String, Similarity> DEFAULTS = defaults(EUCLIDEAN, CITY_BLOCK, CHEBYSHEV,
            Similarity.cosine(), PEARSON, CHI_SQUARE, KULLBACK_LEIBLER, JEFFREY, KOLMOGOROV_SMIRNOV,
            CRAMER_VON_MISES, EARTH_MOVERS);

    private Similarities() {
    }

    /** Euclidean (L2) distance; see {@link EuclideanDistance}. */
    public static Similarity euclidean() {
        return EUCLIDEAN;
    }

    /** City-block (L1) distance; see {@link CityBlockDistance}. */
    public static Similarity cityBlock() {
        return CITY_BLOCK;
    }

    /** Chebyshev (L-infinity, "infinity") distance; see {@link ChebyshevDistance}. */
    public static Similarity chebyshev() {
        return CHEBYSHEV;
    }

    /** Pearson correlation distance {@code 1 - r}; see {@link PearsonDistance}. */
    public static Similarity pearson() {
        return PEARSON;
    }

    /** Symmetric chi-square distance between histograms; see {@link ChiSquareDistance}. */
    public static Similarity chiSquare() {
        return CHI_SQUARE;
    }

    /**
     * Kullback-Leibler divergence with the default smoothing
     * {@value KullbackLeiblerDivergence#DEFAULT_EPSILON}; see {@link KullbackLeiblerDivergence}.
     */
    public static Similarity kullbackLeibler() {
        return KULLBACK_LEIBLER;
    }

    /**
     * Kullback-Leibler divergence with the given smoothing.
     *
     * @param epsilon mass added to every normalised bin, finite and {@code >= 0}; 0 gives the
     *     unsmoothed divergence, infinite where the second histogram has an empty bin
     * @see KullbackLeiblerDivergence#KullbackLeiblerDivergence(double)
     */
    public static Similarity kullbackLeibler(double epsilon) {
        return new KullbackLeiblerDivergence(epsilon);
    }

    /** Jeffrey divergence (against the mean histogram); see {@link JeffreyDivergence}. */
    public static Similarity jeffrey() {
        return JEFFREY;
    }

    /** Kolmogorov-Smirnov distance of cumulative histograms; see {@link KolmogorovSmirnovDistance}. */
    public static Similarity kolmogorovSmirnov() {
        return KOLMOGOROV_SMIRNOV;
    }

    /** Cramér-von Mises distance of cumulative histograms; see {@link CramerVonMisesDistance}. */
    public static Similarity cramerVonMises() {
        return CRAMER_VON_MISES;
    }

    /** Earth mover's distance of 1-D histograms; see {@link EarthMoversDistance}. */
    public static Similarity earthMovers() {
        return EARTH_MOVERS;
    }

    /**
     * The eleven metrics with their default parameters, in pyCBIR's order (Euclidean,
     * city-block, Chebyshev, cosine, Pearson, chi-square, Kullback-Leibler, Jeffrey,
     * Kolmogorov-Smirnov, Cramér-von Mises) followed by earth mover's. An unmodifiable list.
     */
    public static List<Similarity> all() {
        return List.copyOf(DEFAULTS.values());
    }

    /** The type names that {@link #byName(String)} accepts, in the order of {@link #all()}. */
    public static List<String> names() {
        return List.copyOf(DEFAULTS.keySet());
    }

    /**
     * The metric of a type name (the {@link ComponentSpec#type()} of its spec, such as
     * {@code "chi-square"}) with its default parameters.
     *
     * @throws IllegalArgumentException naming the known names if {@code name} is not one
     */
    public static Similarity byName(String name) {
        Similarity metric = DEFAULTS.get(name);
        if (metric == null) {
            throw new IllegalArgumentException("unknown similarity metric '" + name + "'; known: "
                    + String.join(", ", DEFAULTS.keySet()));
        }
        return metric;
    }

    /**
     * The metric a spec describes, as recorded by its {@link Similarity#spec()}: the inverse of
     * {@code spec()}.
     *
     * @throws IllegalArgumentException if the type is unknown (naming the known ones), a
     *     parameter is missing or invalid, or the spec has a parameter the metric does not take
     */
    public static Similarity fromSpec(ComponentSpec spec) {
        Similarity metric = byName(spec.type());
        if (spec.type().equals(KullbackLeiblerDivergence.TYPE)) { // the one metric with a parameter
            requireParameters(spec, Set.of(KullbackLeiblerDivergence.EPSILON));
            return new KullbackLeiblerDivergence(spec.requireDouble(KullbackLeiblerDivergence.EPSILON));
        }
        requireParameters(spec, Set.of());
        return metric;
    }

    private static Map<String, Similarity> defaults(Similarity... metrics) {
        Map<String, Similarity> map = new LinkedHashMap<>();
        for (Similarity metric : metrics) {
            map.put(metric.spec().type(), metric);
        }
        return Collections.unmodifiableMap(map);
    }

    private static void requireParameters(ComponentSpec spec, Set<String> expected) {
        if (!spec.parameters().keySet().equals(expected)) {
            throw new IllegalArgumentException("metric '" + spec.type() + "' takes the parameters "
                    + expected + ", got " + spec.parameters().keySet() + " in " + spec);
        }
    }
}
