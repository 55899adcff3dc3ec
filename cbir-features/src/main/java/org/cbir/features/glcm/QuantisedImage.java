package org.cbir.features.glcm;

/**
 * Grey intensities quantised to {@code levels} levels, stored relative to the lowest level
 * present so that co-occurrence matrices need only span the levels the image uses.
 *
 * <p>The rule: {@code level = floor(v * levels)} computed in double precision, clamped to
 * {@code 0..levels-1}. For 8-bit images and 256 levels this gives back the 8-bit values
 * ({@code floor(k / 255 * 256) = k} for {@code k < 255}, and 255 for 255).
 */
final class QuantisedImage {
    final int width;
    final int height;
    /** The lowest level present. */
    final int lowest;
    /** {@code highest - lowest + 1}: the side of the matrices. */
    final int span;
    /** {@code level - lowest} per pixel, row-major. */
    final int[] levels;

    private QuantisedImage(int width, int height, int lowest, int span, int[] levels) {
        this.width = width;
        this.height = height;
        this.lowest = lowest;
        this.span = span;
        this.levels = levels;
    }

    /** Quantises {@code intensities} (0..1, row-major, {@code width x height}). */
    static QuantisedImage of(float[] intensities, int width, int height, int levels) {
        int[] q = new int[intensities.length];
        int lo = levels - 1;
        int hi = 0;
        int top = levels - 1;
        for (int i = 0; i < q.length; i++) {
            double scaled = Math.floor((double) intensities[i] * levels);
            int level = scaled <= 0 ? 0 : scaled >= top ? top : (int) scaled;
            q[i] = level;
            lo = Math.min(lo, level);
            hi = Math.max(hi, level);
        }
        for (int i = 0; i < q.length; i++) {
            q[i] -= lo;
        }
        return new QuantisedImage(width, height, lo, hi - lo + 1, q);
    }

    /**
     * Counts the pairs (pixel, pixel at row offset {@code dr}, column offset {@code dc}) into
     * {@code counts[a * span + b]}, {@code a} the level of the first pixel; {@code counts} must
     * be zero on entry. Pairs whose second pixel falls outside the image are not counted.
     *
     * @return the number of pairs counted (0 when the offset exceeds the image)
     */
    long count(int dr, int dc, int[] counts) {
        int rowStart = Math.max(0, -dr);
        int rowEnd = Math.min(height, height - dr);
        int colStart = Math.max(0, -dc);
        int colEnd = Math.min(width, width - dc);
        if (rowEnd <= rowStart || colEnd <= colStart) {
            return 0;
        }
        int s = span;
        for (int r = rowStart; r < rowEnd; r++) {
            int first = r * width;
            int second = (r + dr) * width + dc;
            for (int c = colStart; c < colEnd; c++) {
                counts[levels[first + c] * s + levels[second + c]]++;
            }
        }
        return (long) (rowEnd - rowStart) * (colEnd - colStart);
    }
}
