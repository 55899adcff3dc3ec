package org.cbir.eval;

/**
 * How many of the best-ranked matches a k-accuracy or a confusion matrix looks at: a fixed
 * {@code k}, or Ω, the size of the query's class among the other images (so a perfect ranking
 * fills the top Ω with the query's own class). Immutable.
 *
 * @param k the number of matches, or 0 for Ω ({@link #classSize()})
 */
public record Cutoff(int k) implements java.io.Serializable {

    /**
     * @throws IllegalArgumentException if {@code k} is negative
     */
    public Cutoff {
        if (k < 0) {
            throw new IllegalArgumentException("a cutoff must be at least 1 (or 0 for the class size), got " + k);
        }
    }

    /**
     * The top {@code k} matches.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public static Cutoff of(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        return new Cutoff(k);
    }

    /** Ω: as many matches as there are other images of the query's class. */
    public static Cutoff classSize() {
        return new Cutoff(0);
    }

    /** Whether this is Ω. */
    public boolean isClassSize() {
        return k == 0;
    }

    /**
     * The number of matches this cutoff takes for one query: {@code k}, or {@code relevant} for
     * Ω (at least 1), never more than {@code rankingLength}.
     *
     * @param relevant other images of the query's class
     * @param rankingLength how many other images were ranked
     */
    public int resolve(int relevant, int rankingLength) {
        int wanted = isClassSize() ? Math.max(1, relevant) : k;
        return Math.min(wanted, rankingLength);
    }

    /** {@code "5"}, or {@code "Ω"} for the class size. */
    @Override
    public String toString() {
        return isClassSize() ? "Ω" : Integer.toString(k);
    }

    /** A name for file names and CSV headers: {@code "5"}, or {@code "omega"}. */
    public String asciiName() {
        return isClassSize() ? "omega" : Integer.toString(k);
    }
}
