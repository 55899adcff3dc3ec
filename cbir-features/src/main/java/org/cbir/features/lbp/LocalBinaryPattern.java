package org.cbir.features.lbp;

import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;

/**
 * The normalised histogram of local binary pattern codes (LBP; Ojala, Pietikainen and Maenpaa,
 * "Multiresolution gray-scale and rotation invariant texture classification with local binary
 * patterns", IEEE TPAMI 24(7), 2002), with the codes of scikit-image's
 * {@code local_binary_pattern(image, P, R, method)}.
 *
 * <p>Each pixel of the grey intensities ({@link Image#greyIntensities()}, BT.709 luminance for
 * RGB) is compared with {@code P} points on a circle of radius {@code R} around it, sampled by
 * bilinear interpolation (see {@link CircularNeighbourhood}; outside the image the intensity is
 * 0, so border pixels are included with a dark surround, as in scikit-image). The
 * {@link LbpMethod} turns the comparisons into a code, and the signature is the histogram of the
 * codes of all pixels divided by the pixel count (it sums to 1), one bin per code:
 * {@code 2^P} bins for {@code default} and {@code ror}, {@code P + 2} for {@code uniform},
 * {@code P (P - 1) + 3} for {@code nri_uniform}. For {@code var} the signature is a histogram of
 * the neighbourhood variances over {@code varianceBins} equal bins of {@code [0, varianceMax]}
 * (see {@link VarianceBins}). Any image of at least 1x1 pixel is accepted.
 *
 * <p>Immutable and thread-safe; each call allocates its own buffers.
 */
public final class LocalBinaryPattern implements FeatureExtractor {
    /** The {@link ComponentSpec} type. */
    public static final String TYPE = "lbp";
    /** The largest radius in pixels. */
    public static final double MAX_RADIUS = 100;
    /** The largest number of variance bins. */
    public static final int MAX_VARIANCE_BINS = 1 << 16;

    private final int points;
    private final double radius;
    private final LbpMethod method;
    private final CircularNeighbourhood neighbourhood;
    /** Pattern to code, for ror, uniform and nri_uniform with at most 16 points; else null. */
    private final int[] codes;
    private final VarianceBins varianceBins;
    private final int dimension;
    private final ComponentSpec spec;

    private LocalBinaryPattern(Builder b) {
        this.points = b.points;
        this.radius = b.radius;
        this.method = b.method;
        this.neighbourhood = new CircularNeighbourhood(points, radius);
        if (method == LbpMethod.VAR) {
            this.codes = null;
            this.varianceBins = new VarianceBins(b.varianceBins, b.varianceMax);
            this.dimension = b.varianceBins;
            this.spec = ComponentSpec.of(TYPE, "points", points, "radius", radius, "method", method.specName(),
                    "variance-bins", b.varianceBins, "variance-max", b.varianceMax);
        } else {
            this.varianceBins = null;
            this.dimension = method.codeCount(points);
            this.codes = points <= 16 && method != LbpMethod.DEFAULT ? codeTable(method, points) : null;
            this.spec = ComponentSpec.of(TYPE, "points", points, "radius", radius, "method", method.specName());
        }
    }

    private static int[] codeTable(LbpMethod method, int points) {
        int[] table = new int[1 << points];
        for (int pattern = 0; pattern < table.length; pattern++) {
            table[pattern] = method.code(pattern, points);
        }
        return table;
    }

    /** A builder for 8 points on radius 1, uniform codes; see {@link Builder}. */
    /**
     * The extractor that {@link #spec()} describes: every parameter it writes is required.
     *
     * @throws IllegalArgumentException naming the parameter that is missing or invalid
     */
    public static LocalBinaryPattern fromSpec(ComponentSpec spec) {
        LbpMethod method = LbpMethod.fromSpecName(spec.require("method"));
        Builder builder = builder()
                .points(spec.requireInt("points"))
                .radius(spec.requireDouble("radius"))
                .method(method);
        if (method == LbpMethod.VAR) {
            builder.varianceBins(spec.requireInt("variance-bins")).varianceMax(spec.requireDouble("variance-max"));
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ComponentSpec spec() {
        return spec;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The number of neighbours on the circle. */
    public int points() {
        return points;
    }

    /** The circle radius in pixels, as configured (used in single precision). */
    public double radius() {
        return radius;
    }

    /** How comparisons become codes. */
    public LbpMethod method() {
        return method;
    }

    @Override
    public float[] extract(Image image) {
        Objects.requireNonNull(image, "image");
        float[] intensities = image.greyIntensities();
        int width = image.width();
        long[] counts = new long[dimension];
        if (method == LbpMethod.VAR) {
            double[] sums = new double[width];
            double[] squares = new double[width];
            neighbourhood.forEachRow(intensities, width, image.height(), (row, centres, offset, neighbors) -> {
                accumulateVariances(neighbors, width, points, sums, squares);
                for (int x = 0; x < width; x++) {
                    counts[varianceBins.bin(variance(sums[x], squares[x], points))]++;
                }
            });
        } else {
            int[] patterns = new int[width];
            neighbourhood.forEachRow(intensities, width, image.height(), (row, centres, offset, neighbors) -> {
                java.util.Arrays.fill(patterns, 0);
                for (int i = 0; i < points; i++) {
                    int base = i * width;
                    int bit = 1 << i;
                    for (int x = 0; x < width; x++) {
                        patterns[x] |= neighbors[base + x] - centres[offset + x] >= 0 ? bit : 0;
                    }
                }
                for (int x = 0; x < width; x++) {
                    counts[codes != null ? codes[patterns[x]] : method.code(patterns[x], points)]++;
                }
            });
        }
        float[] out = new float[dimension];
        double n = (double) intensities.length;
        for (int k = 0; k < dimension; k++) {
            out[k] = (float) (counts[k] / n);
        }
        return out;
    }

    /** Per column, the sum and the sum of squares of the neighbours, added in point order. */
    private static void accumulateVariances(double[] neighbors, int width, int points, double[] sums,
                                            double[] squares) {
        java.util.Arrays.fill(sums, 0.0);
        java.util.Arrays.fill(squares, 0.0);
        for (int i = 0; i < points; i++) {
            int base = i * width;
            for (int x = 0; x < width; x++) {
                double v = neighbors[base + x];
                sums[x] += v;
                squares[x] += v * v;
            }
        }
    }

    /** Population variance as scikit-image computes it: {@code (sum v^2 - (sum v)^2 / P) / P}. */
    private static double variance(double sum, double squares, int points) {
        return (squares - sum * sum / points) / points;
    }

    @Override
    public String toString() {
        return spec.toString();
    }

    /**
     * Options of a {@link LocalBinaryPattern}, validated by {@link #build()}. Defaults: 8 points
     * on radius 1, {@link LbpMethod#UNIFORM} (10 features); for {@code var}, 16 bins over
     * {@code [0, 0.0625]} (neighbourhood standard deviations up to a quarter of the intensity
     * range). Not thread-safe.
     */
    public static final class Builder {
        private int points = 8;
        private double radius = 1.0;
        private LbpMethod method = LbpMethod.UNIFORM;
        private int varianceBins = 16;
        private double varianceMax = 0.0625;

        private Builder() {
        }

        /** Neighbours on the circle, 1..{@link LbpMethod#maxPoints()}; more points see finer angular detail. */
        public Builder points(int points) {
            this.points = points;
            return this;
        }

        /**
         * Circle radius in pixels, in (0, {@value #MAX_RADIUS}], used in single precision;
         * larger radii see coarser texture.
         */
        public Builder radius(double radius) {
            this.radius = radius;
            return this;
        }

        /** How the comparisons become a code. */
        public Builder method(LbpMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** For {@link LbpMethod#VAR}: bins of the variance histogram, 1..{@value #MAX_VARIANCE_BINS}. */
        public Builder varianceBins(int varianceBins) {
            this.varianceBins = varianceBins;
            return this;
        }

        /** For {@link LbpMethod#VAR}: the upper end of the histogram range; larger variances go in the last bin. */
        public Builder varianceMax(double varianceMax) {
            this.varianceMax = varianceMax;
            return this;
        }

        /**
         * The extractor.
         *
         * @throws IllegalArgumentException if points is outside the method's range, the radius
         *     is not in (0, {@value #MAX_RADIUS}], or (for var) the bins or range are invalid
         */
        public LocalBinaryPattern build() {
            if (points < 1 || points > method.maxPoints()) {
                throw new IllegalArgumentException("LBP points must be in 1.." + method.maxPoints() + " for method "
                        + method.specName() + ", got " + points);
            }
            if (!(radius > 0 && radius <= MAX_RADIUS) || (float) radius <= 0f) {
                throw new IllegalArgumentException("LBP radius must be in (0, " + MAX_RADIUS + "], got " + radius);
            }
            if (method == LbpMethod.VAR) {
                if (varianceBins < 1 || varianceBins > MAX_VARIANCE_BINS) {
                    throw new IllegalArgumentException("LBP variance bins must be in 1.." + MAX_VARIANCE_BINS
                            + ", got " + varianceBins);
                }
                if (!(varianceMax > 0 && Double.isFinite(varianceMax))) {
                    throw new IllegalArgumentException("LBP variance max must be positive and finite, got "
                            + varianceMax);
                }
            }
            return new LocalBinaryPattern(this);
        }
    }
}
