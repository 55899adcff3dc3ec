package org.cbir.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link Evaluation} does, validated on construction; recorded in its report. Immutable.
 *
 * @param fitFraction the share of each class set aside for {@link org.cbir.core.RetrievalPipeline#fit}
 *     (PCA, a CNN) and never evaluated, in [0, 1); 0 fits on nothing and evaluates every image
 * @param seed the seed of the stratified split; the same seed gives the same split
 * @param cutoffs the k of the k-accuracy columns and of the confusion matrices, in report order
 * @param includeSelf whether a query is ranked against itself too (the reference
 *     implementation's variant: its self-match usually takes rank 1 and counts as relevant in MAP
 *     and the precision and recall curves, which raises them); false ranks each query against
 *     the other images only (leave-one-out). The k-accuracy votes are the other images' either way
 * @param tiesCountAsCorrect whether a query whose label ties for most votes in its top k counts
 *     as correct (the reference implementation's rule); false lets the tie go to the label of the
 *     best-ranked match among the tied ones, as the pipeline's prediction does
 * @param threads the number of threads that run the queries
 */
public record EvaluationSettings(double fitFraction, long seed, List<Cutoff> cutoffs, boolean includeSelf,
                                 boolean tiesCountAsCorrect, int threads) {

    /** k = 1, 5, 10, 20 and Ω, the columns of the paper's Tables 3 to 6. */
    public static final List<Cutoff> PAPER_CUTOFFS = List.of(Cutoff.of(1), Cutoff.of(5), Cutoff.of(10),
            Cutoff.of(20), Cutoff.classSize());

    /**
     * @throws IllegalArgumentException if the fraction is outside [0, 1), the cutoffs are empty
     *     or repeated, or threads is not positive
     */
    public EvaluationSettings {
        if (!(fitFraction >= 0 && fitFraction < 1)) {
            throw new IllegalArgumentException("the fit fraction must be in [0, 1), got " + fitFraction);
        }
        Objects.requireNonNull(cutoffs, "cutoffs");
        cutoffs = List.copyOf(cutoffs);
        if (cutoffs.isEmpty()) {
            throw new IllegalArgumentException("at least one cutoff k is needed");
        }
        if (new HashSet<>(cutoffs).size() != cutoffs.size()) {
            throw new IllegalArgumentException("cutoffs must not repeat, got " + cutoffs);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
    }
}
