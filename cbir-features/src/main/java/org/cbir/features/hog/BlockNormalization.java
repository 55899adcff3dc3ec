package org.cbir.features.hog;

import java.util.Locale;

/**
 * How a block of cell histograms is contrast-normalised (Dalal and Triggs, "Histograms of
 * oriented gradients for human detection", CVPR 2005, section 6.4), exactly as scikit-image's
 * {@code hog} does it, with {@code eps = 1e-5}.
 */
public enum BlockNormalization {
    /** {@code v / (sum |v| + eps)}. */
    L1("l1"),
    /** {@code sqrt(v / (sum |v| + eps))}. */
    L1_SQRT("l1-sqrt"),
    /** {@code v / sqrt(sum v^2 + eps^2)}. */
    L2("l2"),
    /**
     * L2, then values clipped at 0.2 and L2 again (Lowe's hysteresis); the Dalal-Triggs and
     * scikit-image default.
     */
    L2_HYS("l2-hys");

    private static final double EPS = 1e-5;
    private static final double HYSTERESIS = 0.2;

    private final String specName;

    BlockNormalization(String specName) {
        this.specName = specName;
    }

    /** The name used in a {@link org.cbir.core.ComponentSpec}, e.g. {@code "l2-hys"}. */
    public String specName() {
        return specName;
    }

    /**
     * The normalisation of a spec name, case-insensitively ({@code "L2-Hys"} works too).
     *
     * @throws IllegalArgumentException naming the known normalisations if {@code name} is unknown
     */
    public static BlockNormalization fromSpecName(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        for (BlockNormalization n : values()) {
            if (n.specName.equals(lower)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown HOG block normalisation '" + name + "'; known: l1, l1-sqrt, l2, l2-hys");
    }

    /** Normalises {@code block} (non-negative histogram values) in place. */
    void normalise(double[] block) {
        switch (this) {
            case L1 -> {
                double norm = sumAbs(block) + EPS;
                for (int i = 0; i < block.length; i++) {
                    block[i] = block[i] / norm;
                }
            }
            case L1_SQRT -> {
                double norm = sumAbs(block) + EPS;
                for (int i = 0; i < block.length; i++) {
                    block[i] = Math.sqrt(block[i] / norm);
                }
            }
            case L2 -> divideByL2(block);
            case L2_HYS -> {
                divideByL2(block);
                for (int i = 0; i < block.length; i++) {
                    block[i] = Math.min(block[i], HYSTERESIS);
                }
                divideByL2(block);
            }
            default -> throw new AssertionError(this);
        }
    }

    private static void divideByL2(double[] block) {
        double sum = 0;
        for (double v : block) {
            sum += v * v;
        }
        double norm = Math.sqrt(sum + EPS * EPS);
        for (int i = 0; i < block.length; i++) {
            block[i] = block[i] / norm;
        }
    }

    private static double sumAbs(double[] block) {
        double sum = 0;
        for (double v : block) {
            sum += Math.abs(v);
        }
        return sum;
    }
}
