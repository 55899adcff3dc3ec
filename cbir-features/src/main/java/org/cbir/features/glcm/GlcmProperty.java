package org.cbir.features.glcm;

import java.util.Locale;

/**
 * A Haralick texture property of a normalised grey-level co-occurrence matrix {@code p(i, j)}
 * (Haralick, Shanmugam and Dinstein, "Textural features for image classification", IEEE
 * Trans. SMC 3(6), 1973), defined as scikit-image's {@code graycoprops} defines it.
 */
public enum GlcmProperty {
    /** {@code sum p(i,j) (i - j)^2}: large where neighbouring levels differ much. */
    CONTRAST("contrast"),
    /** {@code sum p(i,j) |i - j|}: like contrast, growing linearly with the difference. */
    DISSIMILARITY("dissimilarity"),
    /** {@code sum p(i,j) / (1 + (i - j)^2)}: 1 for a flat image, small for busy texture. */
    HOMOGENEITY("homogeneity"),
    /** {@code sqrt(ASM)}. */
    ENERGY("energy"),
    /**
     * {@code sum p(i,j) (i - mu_i)(j - mu_j) / (sigma_i sigma_j)}, in -1..1; defined as 1 when
     * either standard deviation is below 1e-15 (a constant image), as scikit-image does.
     */
    CORRELATION("correlation"),
    /** Angular second moment {@code sum p(i,j)^2}: 1 for a constant image. */
    ASM("asm"),
    /**
     * {@code -sum p(i,j) ln p(i,j)} over the non-zero entries, in nats (natural logarithm, as
     * scikit-image's {@code graycoprops(P, 'entropy')} from version 0.24 on).
     */
    ENTROPY("entropy");

    private final String specName;

    GlcmProperty(String specName) {
        this.specName = specName;
    }

    /** The name used in a {@link org.cbir.core.ComponentSpec}, e.g. {@code "asm"}. */
    public String specName() {
        return specName;
    }

    /**
     * The property of a spec name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the known properties if {@code name} is unknown
     */
    public static GlcmProperty fromSpecName(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        for (GlcmProperty p : values()) {
            if (p.specName.equals(lower)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown GLCM property '" + name
                + "'; known: contrast, dissimilarity, homogeneity, energy, correlation, asm, entropy");
    }
}
