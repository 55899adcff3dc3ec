package org.cbir.core.internal.math;

/**
 * The length of an array sized by a product of dimensions, computed without int overflow: a
 * product that no Java array can hold is refused with a message naming what was being sized,
 * instead of wrapping to a negative or a wrong length. Stateless and thread-safe.
 */
public final class ArrayLengths {
    /** The longest array the JVM reliably allocates. */
    public static final int MAX = Integer.MAX_VALUE - 8;

    private ArrayLengths() {
    }

    /**
     * {@code a * b}, as an array length.
     *
     * @throws IllegalArgumentException naming {@code what} if a factor is negative or the product exceeds {@link #MAX}
     */
    public static int of(String what, int a, int b) {
        return of(what, a, b, 1);
    }

    /**
     * {@code a * b * c}, as an array length.
     *
     * @throws IllegalArgumentException naming {@code what} if a factor is negative or the product exceeds {@link #MAX}
     */
    public static int of(String what, int a, int b, int c) {
        if (a < 0 || b < 0 || c < 0) {
            throw new IllegalArgumentException(what + ": negative size " + a + " x " + b + " x " + c);
        }
        long product = (long) a * b;
        if (product <= MAX) {
            product *= c;
        }
        if (product > MAX) {
            throw new IllegalArgumentException(what + ": " + a + " x " + b + " x " + c
                    + " elements are more than one array can hold (" + MAX + ")");
        }
        return (int) product;
    }
}
