package org.cbir.features.daisy;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How each dense DAISY descriptor is normalised, as scikit-image's {@code normalization}
 * argument. Every mode but {@link #OFF} first adds {@code 1e-10} to every bin, so that an
 * empty (flat-region) descriptor normalises to a uniform one instead of dividing by zero.
 */
public enum DaisyNormalization {
    /** The whole descriptor divided by its sum (L1 norm): bins sum to 1. */
    L1("l1"),
    /** The whole descriptor divided by its Euclidean (L2) norm. */
    L2("l2"),
    /** Each histogram (one block of orientations) divided by its own L2 norm, as Tola et al. */
    DAISY("daisy"),
    /** No normalisation: the raw smoothed gradient histograms. */
    OFF("off");

    private final String id;

    DaisyNormalization(String id) {
        this.id = id;
    }

    /** The name used in specs and by scikit-image: {@code l1}, {@code l2}, {@code daisy}, {@code off}. */
    public String id() {
        return id;
    }

    /**
     * The mode named {@code id}.
     *
     * @throws IllegalArgumentException if no mode has that name
     */
    public static DaisyNormalization fromId(String id) {
        for (DaisyNormalization n : values()) {
            if (n.id.equals(id)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown DAISY normalisation '" + id + "', expected one of "
                + Arrays.stream(values()).map(DaisyNormalization::id).collect(Collectors.joining(", ")));
    }

    /**
     * Normalises, in place, the {@code count} descriptors of {@code length} bins stored one after
     * another in {@code data}; histograms are blocks of {@code orientations} bins.
     */
    void apply(double[] data, int count, int length, int orientations) {
        if (this == OFF) {
            return;
        }
        for (int i = 0; i < data.length; i++) {
            data[i] += 1e-10;
        }
        int block = this == DAISY ? orientations : length;
        for (int start = 0; start < count * length; start += block) {
            double norm = 0;
            if (this == L1) {
                for (int k = start; k < start + block; k++) {
                    norm += data[k];
                }
            } else {
                for (int k = start; k < start + block; k++) {
                    norm += data[k] * data[k];
                }
                norm = Math.sqrt(norm);
            }
            for (int k = start; k < start + block; k++) {
                data[k] /= norm;
            }
        }
    }
}
