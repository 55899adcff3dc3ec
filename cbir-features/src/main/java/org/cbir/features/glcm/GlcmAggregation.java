package org.cbir.features.glcm;

import java.util.Locale;

/** How the co-occurrence matrices of the several angles of one distance become features. */
public enum GlcmAggregation {
    /**
     * Every (distance, angle) pair gives its own value: {@code properties x distances x angles}
     * features. Keeps the direction of the texture (stripes at 0 and 90 degrees differ).
     */
    PER_ANGLE("per-angle"),
    /**
     * Each property is averaged over the angles: {@code properties x distances} features,
     * about invariant to rotations by the angle step.
     */
    MEAN("mean"),
    /**
     * The normalised matrices of the angles are averaged into one, whose properties are taken:
     * {@code properties x distances} features. This is pyCBIR's "isotropic GLCM".
     */
    POOLED("pooled");

    private final String specName;

    GlcmAggregation(String specName) {
        this.specName = specName;
    }

    /** The name used in a {@link org.cbir.core.ComponentSpec}, e.g. {@code "per-angle"}. */
    public String specName() {
        return specName;
    }

    /**
     * The aggregation of a spec name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the known aggregations if {@code name} is unknown
     */
    public static GlcmAggregation fromSpecName(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        for (GlcmAggregation a : values()) {
            if (a.specName.equals(lower)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown GLCM aggregation '" + name + "'; known: per-angle, mean, pooled");
    }
}
