package org.cbir.core.image;

import java.util.Locale;

/**
 * The most pixels an image may declare before {@link Images} decodes it: a file whose header
 * declares more (a decompression bomb: a few hundred KB of PNG declaring 20000 x 20000 pixels,
 * or a 1 x 400,000,000 strip) is refused from its declared size, before any pixel is decoded,
 * with an {@link ImageReadException} naming the file; a collection skips and reports it as any
 * unreadable image.
 *
 * <p>The budget is {@value #DEFAULT_MAX_PIXELS} pixels (10000 x 10000) by default, process-wide;
 * the system property {@value #PROPERTY} (read once, at first use) or {@link #setMaxPixels}
 * changes it; {@link Images#maxPixels()} and {@link Images#setMaxPixels} are its public face.
 * Thread-safe.
 */
final class PixelBudget {
    /** The system property that sets the budget, in pixels. */
    static final String PROPERTY = "cbir.image.maxPixels";
    /** The default budget: 10000 x 10000 pixels, about 1.2 GB as float RGB samples. */
    static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    private static volatile long maxPixels = initial();

    private PixelBudget() {
    }

    /** The current budget in pixels. */
    static long maxPixels() {
        return maxPixels;
    }

    /**
     * Sets the budget for every later decode in this process.
     *
     * @throws IllegalArgumentException if {@code pixels < 1}
     */
    static void setMaxPixels(long pixels) {
        if (pixels < 1) {
            throw new IllegalArgumentException("the pixel budget must be at least 1, got " + pixels);
        }
        maxPixels = pixels;
    }

    /**
     * Why a declared size is refused (over the budget, or a non-positive side), or {@code null}
     * if it is within the budget.
     */
    static String problem(long width, long height) {
        if (width < 1 || height < 1) {
            return "declares an image of " + width + "x" + height + " pixels";
        }
        long pixels = width * height;
        long budget = maxPixels;
        if (pixels <= budget) {
            return null;
        }
        return String.format(Locale.ROOT, "declares %dx%d = %,d pixels, more than the pixel budget of %,d; skipped"
                + " without decoding (raise the budget with -D%s=N or Images.setMaxPixels if the image is genuine)",
                width, height, pixels, budget, PROPERTY);
    }

    private static long initial() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_PIXELS;
        }
        try {
            long pixels = Long.parseLong(value.trim().replace("_", ""));
            if (pixels >= 1) {
                return pixels;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " is not a positive number of pixels");
    }
}
