package org.cbir.features.daisy;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How {@link DaisyExtractor} pools an image's grid of dense descriptors into one signature
 * whose length does not depend on the image size.
 */
public enum DaisyPooling {
    /** The mean descriptor: one value per descriptor bin. */
    MEAN("mean"),
    /**
     * The mean descriptor followed by the population standard deviation of each bin over the
     * grid: twice the length, and it tells a uniform texture from a mixed one with the same mean.
     */
    MEAN_AND_STD("mean-std");

    private final String id;

    DaisyPooling(String id) {
        this.id = id;
    }

    /** The name used in specs: {@code mean} or {@code mean-std}. */
    public String id() {
        return id;
    }

    /** Signature length for descriptors of {@code length} values. */
    public int dimension(int length) {
        return this == MEAN ? length : 2 * length;
    }

    /**
     * The mode named {@code id}.
     *
     * @throws IllegalArgumentException if no mode has that name
     */
    public static DaisyPooling fromId(String id) {
        for (DaisyPooling p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown DAISY pooling '" + id + "', expected one of "
                + Arrays.stream(values()).map(DaisyPooling::id).collect(Collectors.joining(", ")));
    }

    /** Pools {@code count} descriptors of {@code length} values stored one after another. */
    float[] pool(double[] descriptors, int count, int length) {
        double[] mean = new double[length];
        for (int d = 0; d < count; d++) {
            for (int k = 0; k < length; k++) {
                mean[k] += descriptors[d * length + k];
            }
        }
        float[] signature = new float[dimension(length)];
        for (int k = 0; k < length; k++) {
            mean[k] /= count;
            signature[k] = (float) mean[k];
        }
        if (this == MEAN_AND_STD) {
            double[] squares = new double[length];
            for (int d = 0; d < count; d++) {
                for (int k = 0; k < length; k++) {
                    double dev = descriptors[d * length + k] - mean[k];
                    squares[k] += dev * dev;
                }
            }
            for (int k = 0; k < length; k++) {
                signature[length + k] = (float) Math.sqrt(squares[k] / count);
            }
        }
        return signature;
    }
}
