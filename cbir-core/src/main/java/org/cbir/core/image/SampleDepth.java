package org.cbir.core.image;

/**
 * The numeric range of an {@link Image}'s samples, kept from the file it was read from so that
 * 16-bit detector data is not silently squeezed into 8 bits.
 */
public enum SampleDepth {
    /** Unsigned 8-bit samples, 0..255. */
    UINT8(8, 255.0),
    /** Unsigned 16-bit samples, 0..65535 (microCT, X-ray detectors). */
    UINT16(16, 65535.0),
    /** Floating-point samples whose nominal range is 0..1 (the result of normalisation). */
    FLOAT(32, 1.0);

    private final int bits;
    private final double maxValue;

    SampleDepth(int bits, double maxValue) {
        this.bits = bits;
        this.maxValue = maxValue;
    }

    /** Bits per sample in the source (32 for {@link #FLOAT}). */
    public int bits() {
        return bits;
    }

    /** The largest nominal sample value: 255, 65535 or 1. */
    public double maxValue() {
        return maxValue;
    }
}
