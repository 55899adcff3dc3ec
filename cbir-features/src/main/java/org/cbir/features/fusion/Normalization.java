package org.cbir.features.fusion;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a {@link FusedExtractor} rescales one part's signature before weighting it, so that
 * parts on different scales (a CNN layer's activations, a histogram summing to 1) contribute
 * in proportion to their weights rather than to their raw magnitudes.
 */
public enum Normalization {
    /** The signature as the part returns it. */
    NONE("none"),
    /** Divided by its Euclidean norm (unit length); a zero signature stays zero. */
    L2("l2"),
    /**
     * Mapped linearly to [0, 1] within the signature: {@code (x - min) / (max - min)} with the
     * signature's own minimum and maximum; a constant signature becomes all zeros.
     */
    MIN_MAX("min-max");

    private final String id;

    Normalization(String id) {
        this.id = id;
    }

    /** The name used in specs: {@code none}, {@code l2} or {@code min-max}. */
    public String id() {
        return id;
    }

    /**
     * The normalisation named {@code id}.
     *
     * @throws IllegalArgumentException if none has that name
     */
    public static Normalization fromId(String id) {
        for (Normalization n : values()) {
            if (n.id.equals(id)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown fusion normalisation '" + id + "', expected one of "
                + Arrays.stream(values()).map(Normalization::id).collect(Collectors.joining(", ")));
    }

    /** Writes {@code weight * normalised(part)} into {@code out[offset ..]}; {@code part} is not modified. */
    void apply(float[] part, double weight, float[] out, int offset) {
        double shift = 0;
        double scale = weight;
        if (this == L2) {
            double squares = 0;
            for (float v : part) {
                squares += (double) v * v;
            }
            scale = squares == 0 ? 0 : weight / Math.sqrt(squares);
        } else if (this == MIN_MAX) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (float v : part) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            shift = min;
            scale = max > min ? weight / (max - min) : 0;
        }
        for (int i = 0; i < part.length; i++) {
            out[offset + i] = (float) ((part[i] - shift) * scale);
        }
    }
}
