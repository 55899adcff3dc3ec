package org.cbir.features.lbp;

import java.util.Locale;

/**
 * How the {@code P} thresholded neighbours of a pixel become a code, as in scikit-image's
 * {@code local_binary_pattern} (Ojala, Pietikainen and Maenpaa, "Multiresolution gray-scale and
 * rotation invariant texture classification with local binary patterns", IEEE TPAMI 24(7),
 * 2002; Ahonen, Hadid and Pietikainen, ECCV 2004, for the non-rotation-invariant uniform codes).
 * Neighbour {@code i} sets bit {@code i} of the pattern when its value is at least the centre's.
 */
public enum LbpMethod {
    /** The pattern itself, {@code 0 .. 2^P - 1}: grey-scale invariant, not rotation invariant. */
    DEFAULT("default", 16),
    /** The smallest value of the pattern's circular rotations: rotation invariant; {@code 2^P} bins, most unused. */
    ROR("ror", 16),
    /**
     * The number of set bits for uniform patterns (at most two 0/1 transitions around the
     * circle), {@code P + 1} for the others: rotation invariant, {@code P + 2} bins.
     */
    UNIFORM("uniform", 31),
    /**
     * A distinct code for each rotation of each uniform pattern, one code for all non-uniform
     * ones: {@code P (P - 1) + 3} bins.
     */
    NRI_UNIFORM("nri_uniform", 31),
    /**
     * The variance of the {@code P} neighbour values (population variance, not grey-scale
     * invariant); the signature is a histogram of these variances.
     */
    VAR("var", 31);

    private final String specName;
    private final int maxPoints;

    LbpMethod(String specName, int maxPoints) {
        this.specName = specName;
        this.maxPoints = maxPoints;
    }

    /** The name used in a {@link org.cbir.core.ComponentSpec}, scikit-image's method name. */
    public String specName() {
        return specName;
    }

    /** The largest number of neighbours this method accepts (16 where the histogram has {@code 2^P} bins). */
    public int maxPoints() {
        return maxPoints;
    }

    /**
     * The method of a spec name, case-insensitively; {@code "nri-uniform"} is accepted too.
     *
     * @throws IllegalArgumentException naming the known methods if {@code name} is unknown
     */
    public static LbpMethod fromSpecName(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (LbpMethod m : values()) {
            if (m.specName.equals(lower)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown LBP method '" + name + "'; known: default, ror, uniform, nri_uniform, var");
    }

    /** The number of distinct codes for {@code points} neighbours; not defined for {@link #VAR}. */
    int codeCount(int points) {
        return switch (this) {
            case DEFAULT, ROR -> 1 << points;
            case UNIFORM -> points + 2;
            case NRI_UNIFORM -> points * (points - 1) + 3;
            case VAR -> throw new IllegalStateException("var has no codes");
        };
    }

    /**
     * The code of a pattern of {@code points} bits (bit {@code i} = neighbour {@code i}), with
     * scikit-image's numbering; not defined for {@link #VAR}.
     */
    int code(int pattern, int points) {
        return switch (this) {
            case DEFAULT -> pattern;
            case ROR -> smallestRotation(pattern, points);
            case UNIFORM -> transitions(pattern, points) <= 2 ? Integer.bitCount(pattern) : points + 1;
            case NRI_UNIFORM -> nonRotationInvariantUniform(pattern, points);
            case VAR -> throw new IllegalStateException("var has no codes");
        };
    }

    /** Transitions between neighbours {@code i} and {@code i + 1}, for i below P - 1 (not around). */
    private static int transitions(int pattern, int points) {
        int adjacent = (1 << (points - 1)) - 1;
        return Integer.bitCount((pattern ^ (pattern >>> 1)) & adjacent);
    }

    private static int smallestRotation(int pattern, int points) {
        int smallest = pattern;
        int rotated = pattern;
        for (int i = 1; i < points; i++) {
            rotated = (rotated >>> 1) | ((rotated & 1) << (points - 1));
            smallest = Math.min(smallest, rotated);
        }
        return smallest;
    }

    private static int nonRotationInvariantUniform(int pattern, int points) {
        if (transitions(pattern, points) > 2) {
            return points * (points - 1) + 2;
        }
        int ones = Integer.bitCount(pattern);
        if (ones == 0) {
            return 0;
        }
        if (ones == points) {
            return points * (points - 1) + 1;
        }
        int firstOne = Integer.numberOfTrailingZeros(pattern);
        int firstZero = Integer.numberOfTrailingZeros(~pattern);
        int rotation = firstOne == 0 ? ones - firstZero : points - firstOne;
        return 1 + (ones - 1) * points + rotation;
    }
}
