package org.cbir.features.glcm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;

/**
 * Haralick texture features of grey-level co-occurrence matrices (GLCM; Haralick, Shanmugam and
 * Dinstein, "Textural features for image classification", IEEE Trans. SMC 3(6), 1973), with the
 * results of scikit-image's {@code graycomatrix} and {@code graycoprops}.
 *
 * <p>The image's grey intensities ({@link Image#greyIntensities()}, BT.709 luminance for RGB)
 * are quantised to {@code levels} levels by {@code floor(v * levels)}, clamped to
 * {@code 0..levels-1} (for 8-bit images and 256 levels, the 8-bit values themselves). For each
 * distance {@code d} and angle {@code t} the matrix counts the pairs of a pixel at (row, column)
 * and the pixel at (row + round(d sin t), column + round(d cos t)), rounding halves away from
 * zero; angle 0 looks right, pi/2 looks down. A symmetric matrix also counts each pair the
 * other way round. Each matrix is normalised to sum 1 before its properties are taken; an
 * offset larger than the image gives an empty matrix whose properties are 0, except correlation
 * which is 1 (scikit-image's convention for a zero standard deviation, as for a constant image).
 *
 * <p>The signature lists, for each property in the configured order, the values of each
 * distance (and, with {@link GlcmAggregation#PER_ANGLE}, of each angle within the distance).
 * Any image of at least 1x1 pixel is accepted.
 *
 * <p>Immutable and thread-safe; each {@link #extract} call allocates its own matrices (a
 * {@code span x span} pair, {@code span} the number of levels between the darkest and the
 * brightest pixel).
 */
public final class GreyLevelCooccurrence implements FeatureExtractor {
    /** The {@link ComponentSpec} type. */
    public static final String TYPE = "glcm";
    /** The largest number of grey levels: matrices have {@code levels^2} entries. */
    public static final int MAX_LEVELS = 1024;
    /** The largest pixel distance. */
    public static final int MAX_DISTANCE = 1 << 20;

    private final int levels;
    private final int[] distances;
    private final double[] angles;
    private final boolean symmetric;
    private final List<GlcmProperty> properties;
    private final GlcmAggregation aggregation;
    /** Row and column offsets, indexed {@code distance * angles + angle}. */
    private final int[] rowOffsets;
    private final int[] colOffsets;
    private final int dimension;
    private final ComponentSpec spec;

    private GreyLevelCooccurrence(Builder b) {
        this.levels = b.levels;
        this.distances = b.distances.clone();
        this.angles = b.angles.clone();
        this.symmetric = b.symmetric;
        this.properties = List.copyOf(b.properties);
        this.aggregation = b.aggregation;
        int n = distances.length * angles.length;
        this.rowOffsets = new int[n];
        this.colOffsets = new int[n];
        for (int d = 0; d < distances.length; d++) {
            for (int a = 0; a < angles.length; a++) {
                rowOffsets[d * angles.length + a] = roundHalfAway(StrictMath.sin(angles[a]) * distances[d]);
                colOffsets[d * angles.length + a] = roundHalfAway(StrictMath.cos(angles[a]) * distances[d]);
            }
        }
        int perProperty = aggregation == GlcmAggregation.PER_ANGLE ? n : distances.length;
        this.dimension = properties.size() * perProperty;
        this.spec = ComponentSpec.of(TYPE,
                "levels", levels,
                "distances", Arrays.stream(distances).mapToObj(Integer::toString).collect(Collectors.joining(",")),
                "angles", Arrays.stream(angles).mapToObj(Double::toString).collect(Collectors.joining(",")),
                "symmetric", symmetric,
                "properties", properties.stream().map(GlcmProperty::specName).collect(Collectors.joining(",")),
                "aggregation", aggregation.specName());
    }

    /** A builder with pyCBIR's settings plus entropy; see {@link Builder}. */
    /**
     * The extractor that {@link #spec()} describes: every parameter it writes is required.
     *
     * @throws IllegalArgumentException naming the parameter that is missing or invalid
     */
    public static GreyLevelCooccurrence fromSpec(ComponentSpec spec) {
        return builder()
                .levels(spec.requireInt("levels"))
                .distances(spec.requireInts("distances"))
                .angles(spec.requireDoubles("angles"))
                .symmetric(spec.requireBoolean("symmetric"))
                .properties(spec.requireList("properties").stream().map(GlcmProperty::fromSpecName)
                        .toArray(GlcmProperty[]::new))
                .aggregation(GlcmAggregation.fromSpecName(spec.require("aggregation")))
                .build();
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

    /** The number of grey levels. */
    public int levels() {
        return levels;
    }

    /** The pixel distances, in signature order; a copy. */
    public int[] distances() {
        return distances.clone();
    }

    /** The angles in radians, in signature order; a copy. */
    public double[] angles() {
        return angles.clone();
    }

    /** Whether each pair is also counted reversed. */
    public boolean symmetric() {
        return symmetric;
    }

    /** The properties, in signature order. */
    public List<GlcmProperty> properties() {
        return properties;
    }

    /** How the angles of one distance are combined. */
    public GlcmAggregation aggregation() {
        return aggregation;
    }

    @Override
    public float[] extract(Image image) {
        Objects.requireNonNull(image, "image");
        QuantisedImage q = QuantisedImage.of(image.greyIntensities(), image.width(), image.height(), levels);
        int span = q.span;
        int[] counts = new int[span * span];
        double[] p = new double[span * span];
        double[] pooled = aggregation == GlcmAggregation.POOLED ? new double[span * span] : null;
        double[] rowSums = new double[span];
        double[] colSums = new double[span];
        double[] values = new double[GlcmProperty.values().length];
        boolean correlation = properties.contains(GlcmProperty.CORRELATION);
        boolean entropy = properties.contains(GlcmProperty.ENTROPY);
        int nd = distances.length;
        int na = angles.length;
        double[] features = new double[dimension];
        for (int d = 0; d < nd; d++) {
            if (pooled != null) {
                Arrays.fill(pooled, 0.0);
            }
            for (int a = 0; a < na; a++) {
                Arrays.fill(counts, 0);
                long pairs = q.count(rowOffsets[d * na + a], colOffsets[d * na + a], counts);
                normalise(counts, span, pairs, p);
                if (pooled != null) {
                    for (int k = 0; k < p.length; k++) {
                        pooled[k] += p[k];
                    }
                    continue;
                }
                HaralickFeatures.compute(p, span, rowSums, colSums, correlation, entropy, values);
                for (int k = 0; k < properties.size(); k++) {
                    double v = values[properties.get(k).ordinal()];
                    if (aggregation == GlcmAggregation.PER_ANGLE) {
                        features[(k * nd + d) * na + a] = v;
                    } else {
                        features[k * nd + d] += v / na;
                    }
                }
            }
            if (pooled != null) {
                rescaleToUnitSum(pooled);
                HaralickFeatures.compute(pooled, span, rowSums, colSums, correlation, entropy, values);
                for (int k = 0; k < properties.size(); k++) {
                    features[k * nd + d] = values[properties.get(k).ordinal()];
                }
            }
        }
        float[] out = new float[dimension];
        for (int k = 0; k < dimension; k++) {
            out[k] = (float) features[k];
        }
        return out;
    }

    /** p = counts / pairs, made symmetric when configured; all zero when there are no pairs. */
    private void normalise(int[] counts, int span, long pairs, double[] p) {
        if (pairs == 0) {
            Arrays.fill(p, 0.0);
            return;
        }
        if (!symmetric) {
            double scale = 1.0 / pairs;
            for (int k = 0; k < counts.length; k++) {
                p[k] = counts[k] * scale;
            }
            return;
        }
        double scale = 1.0 / (2.0 * pairs);
        for (int a = 0; a < span; a++) {
            for (int b = 0; b < span; b++) {
                p[a * span + b] = ((double) counts[a * span + b] + counts[b * span + a]) * scale;
            }
        }
    }

    private static void rescaleToUnitSum(double[] m) {
        double sum = 0;
        for (double v : m) {
            sum += v;
        }
        if (sum > 0) {
            for (int k = 0; k < m.length; k++) {
                m[k] /= sum;
            }
        }
    }

    /** Rounds half away from zero, as scikit-image's {@code round} for the offsets. */
    private static int roundHalfAway(double v) {
        return (int) (v > 0 ? v + 0.5 : v - 0.5);
    }

    @Override
    public String toString() {
        return spec.toString();
    }

    /**
     * Options of a {@link GreyLevelCooccurrence}, validated by {@link #build()}. Defaults follow
     * pyCBIR: 256 levels, distance 1, angles 0, pi/4, pi/2, 3pi/4, not symmetric, matrices
     * pooled over the angles; all seven properties. Not thread-safe; build once and share the
     * extractor.
     */
    public static final class Builder {
        private int levels = 256;
        private int[] distances = {1};
        private double[] angles = {0.0, Math.PI / 4, Math.PI / 2, 3 * Math.PI / 4};
        private boolean symmetric;
        private List<GlcmProperty> properties = List.of(GlcmProperty.values());
        private GlcmAggregation aggregation = GlcmAggregation.POOLED;

        private Builder() {
        }

        /**
         * Grey levels, 2..{@value #MAX_LEVELS}. Fewer levels merge similar intensities: the
         * matrices fill better on small images and the features resist noise, at the cost of
         * fine contrast.
         */
        public Builder levels(int levels) {
            this.levels = levels;
            return this;
        }

        /**
         * Pixel distances between the pixels of a pair, each in 1..{@value #MAX_DISTANCE};
         * larger ones see coarser texture.
         */
        public Builder distances(int... distances) {
            this.distances = Objects.requireNonNull(distances, "distances").clone();
            return this;
        }

        /** Pair directions in radians (0 = to the right, pi/2 = downwards); any finite values. */
        public Builder angles(double... angles) {
            this.angles = Objects.requireNonNull(angles, "angles").clone();
            return this;
        }

        /** Whether each pair is also counted reversed, which makes a direction and its opposite equal. */
        public Builder symmetric(boolean symmetric) {
            this.symmetric = symmetric;
            return this;
        }

        /** The properties, in signature order, without repeats. */
        public Builder properties(GlcmProperty... properties) {
            this.properties = new ArrayList<>(Arrays.asList(Objects.requireNonNull(properties, "properties")));
            return this;
        }

        /** How the angles of one distance are combined. */
        public Builder aggregation(GlcmAggregation aggregation) {
            this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
            return this;
        }

        /**
         * The extractor.
         *
         * @throws IllegalArgumentException if levels is outside 2..{@value #MAX_LEVELS}, a list
         *     is empty, a distance is outside 1..{@value #MAX_DISTANCE}, an angle is not finite,
         *     or a property repeats
         */
        public GreyLevelCooccurrence build() {
            if (levels < 2 || levels > MAX_LEVELS) {
                throw new IllegalArgumentException("GLCM levels must be in 2.." + MAX_LEVELS + ", got " + levels);
            }
            if (distances.length == 0) {
                throw new IllegalArgumentException("GLCM needs at least one distance");
            }
            for (int d : distances) {
                if (d < 1 || d > MAX_DISTANCE) {
                    throw new IllegalArgumentException("GLCM distances must be in 1.." + MAX_DISTANCE + ", got " + d);
                }
            }
            if (angles.length == 0) {
                throw new IllegalArgumentException("GLCM needs at least one angle");
            }
            for (double a : angles) {
                if (!Double.isFinite(a)) {
                    throw new IllegalArgumentException("GLCM angles must be finite, got " + a);
                }
            }
            if (properties.isEmpty()) {
                throw new IllegalArgumentException("GLCM needs at least one property");
            }
            EnumSet<GlcmProperty> seen = EnumSet.noneOf(GlcmProperty.class);
            for (GlcmProperty p : properties) {
                if (!seen.add(Objects.requireNonNull(p, "property"))) {
                    throw new IllegalArgumentException("GLCM property " + p.specName() + " is listed twice");
                }
            }
            return new GreyLevelCooccurrence(this);
        }
    }
}
