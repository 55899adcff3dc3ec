package org.cbir.features.daisy;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.image.Image;

/**
 * The dense DAISY descriptor of Tola, Lepetit and Fua ("DAISY: An Efficient Dense Descriptor
 * Applied to Wide-Baseline Stereo", IEEE PAMI 32(5), 2010), computed as scikit-image's
 * {@code skimage.feature.daisy} computes it, to rounding (parity is tested against
 * scikit-image 0.19).
 *
 * <p>For every pixel the gradient (forward differences) votes into {@link #orientations()}
 * orientation maps, each vote weighted by the gradient magnitude and by a circular normal
 * (von Mises) window {@code exp(orientations/pi * cos(angle - bin))}. The maps are smoothed by
 * Gaussians of growing sigma ({@link GaussianKernel}, SciPy's kernel and {@code 'reflect'}
 * border). A descriptor is sampled every {@link #step()} pixels at least {@link #radius()} from
 * the border: the centre histogram, then, ring by ring from the inside out, {@link #histograms()}
 * histograms on a circle of the ring's radius, starting at angle 0 (to the right) and turning
 * towards increasing rows. Each histogram holds the smoothed maps at that point (its position
 * rounded half to even), bin {@code o} for the angle {@code 2 pi o / orientations - pi}; the
 * descriptor is then normalised by {@link #normalization()}.
 *
 * <p>Changing a parameter: a larger {@code step} gives fewer descriptors (faster, coarser); a
 * larger {@code radius} sees more context but needs a larger image (at least
 * {@link #minimumSize()} on each side) and leaves a wider border unsampled; more
 * {@code rings}, {@code histograms} or {@code orientations} lengthen the descriptor
 * ({@link #length()}). Larger sigmas blur the maps more.
 *
 * <p>Only the smoothed values at sampled points are computed (the vertical pass on the rows
 * that are sampled, the horizontal pass at the points themselves), which gives the same
 * numbers as smoothing whole maps at a fraction of the cost. Immutable and thread-safe; every
 * call allocates its own buffers.
 */
public final class DaisyDescriptor {
    /** scikit-image's default sampling step. */
    public static final int DEFAULT_STEP = 4;
    /** scikit-image's default outer radius. */
    public static final int DEFAULT_RADIUS = 15;
    /** scikit-image's default number of rings. */
    public static final int DEFAULT_RINGS = 3;
    /** scikit-image's default number of histograms per ring. */
    public static final int DEFAULT_HISTOGRAMS = 8;
    /** scikit-image's default number of orientation bins. */
    public static final int DEFAULT_ORIENTATIONS = 8;

    private static final int MAX_RADIUS = 1 << 20;
    private static final double MAX_SIGMA = 10_000;
    private static final int MAX_ORIENTATIONS = 360;

    private final int step;
    private final int radius;
    private final int histograms;
    private final int orientations;
    private final DaisyNormalization normalization;
    private final double[] sigmas;
    private final double[] ringRadii;
    private final double[] binCos;
    private final double[] binSin;
    private final List<SmoothingLevel> levels;

    private DaisyDescriptor(Builder b, int radius, double[] sigmas, double[] ringRadii) {
        this.step = b.step;
        this.radius = radius;
        this.histograms = b.histograms;
        this.orientations = b.orientations;
        this.normalization = b.normalization;
        this.sigmas = sigmas;
        this.ringRadii = ringRadii;
        binCos = new double[orientations];
        binSin = new double[orientations];
        for (int o = 0; o < orientations; o++) {
            double angle = 2 * o * Math.PI / orientations - Math.PI;
            binCos[o] = Math.cos(angle);
            binSin[o] = Math.sin(angle);
        }
        levels = SmoothingLevel.plan(sigmas, ringRadii, histograms);
    }

    /** scikit-image's defaults: step 4, radius 15, 3 rings of 8 histograms of 8 orientations, L1. */
    public static DaisyDescriptor scikitImageDefaults() {
        return builder().build();
    }

    /** A builder that starts from scikit-image's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Distance in pixels between neighbouring descriptors, along rows and columns. */
    public int step() {
        return step;
    }

    /** Radius of the outermost ring in pixels; no descriptor is centred closer to the border. */
    public int radius() {
        return radius;
    }

    public int rings() {
        return ringRadii.length;
    }

    /** Histograms per ring. */
    public int histograms() {
        return histograms;
    }

    /** Orientation bins per histogram. */
    public int orientations() {
        return orientations;
    }

    public DaisyNormalization normalization() {
        return normalization;
    }

    /** Smoothing sigmas of the centre histogram and of each ring, inside out (a copy, length {@code rings() + 1}). */
    public double[] sigmas() {
        return sigmas.clone();
    }

    /** Radius of each ring, inside out (a copy; the last is {@link #radius()}). */
    public double[] ringRadii() {
        return ringRadii.clone();
    }

    /** Values per descriptor: {@code (rings * histograms + 1) * orientations}. */
    public int length() {
        return (rings() * histograms + 1) * orientations;
    }

    /** The smallest image side this descriptor accepts: {@code 2 * radius + 1}. */
    public int minimumSize() {
        return 2 * radius + 1;
    }

    /** Descriptor rows for an image of this height: {@code ceil((height - 2 radius) / step)}. */
    public int gridRows(int height) {
        return (height - 2 * radius + step - 1) / step;
    }

    /** Descriptor columns for an image of this width: {@code ceil((width - 2 radius) / step)}. */
    public int gridColumns(int width) {
        return (width - 2 * radius + step - 1) / step;
    }

    /**
     * The dense descriptors of an image's grey intensities ({@link Image#greyIntensities()}:
     * RGB is converted to luminance, samples scaled to 0..1 as scikit-image's {@code img_as_float}).
     *
     * @throws IllegalArgumentException if a side is below {@link #minimumSize()}
     */
    public DenseDaisy describe(Image image) {
        Objects.requireNonNull(image, "image");
        return describe(image.greyIntensities(), image.width(), image.height());
    }

    /**
     * The dense descriptors of grey intensities in row-major order (not modified, not kept).
     *
     * @throws IllegalArgumentException if the sizes do not match the array, a side is below
     *     {@link #minimumSize()}, or an intensity is not finite
     */
    public DenseDaisy describe(float[] grey, int width, int height) {
        double[] dense = compute(grey, width, height);
        float[] values = new float[dense.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) dense[i];
        }
        return new DenseDaisy(gridRows(height), gridColumns(width), length(), values);
    }

    /** The dense descriptors in double precision, row-major grid, descriptors contiguous. */
    double[] compute(float[] grey, int width, int height) {
        Objects.requireNonNull(grey, "grey");
        if (width < 1 || height < 1 || (long) width * height != grey.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image needs "
                    + (long) width * height + " intensities, got " + grey.length);
        }
        if (width < minimumSize() || height < minimumSize()) {
            throw new IllegalArgumentException("DAISY with radius " + radius + " needs an image of at least "
                    + minimumSize() + "x" + minimumSize() + " pixels, got " + width + "x" + height);
        }
        for (float g : grey) {
            if (!Float.isFinite(g)) {
                throw new IllegalArgumentException("grey intensities must be finite, found " + g);
            }
        }
        return new DaisyComputation(this, grey, width, height).run();
    }

    double[] binCos() {
        return binCos;
    }

    double[] binSin() {
        return binSin;
    }

    List<SmoothingLevel> levels() {
        return levels;
    }

    /** Writes the parameters that define this descriptor, by spec name, into {@code spec}. */
    ComponentSpec.Builder writeTo(ComponentSpec.Builder spec) {
        return spec.put("step", step)
                .put("radius", radius)
                .put("rings", rings())
                .put("histograms", histograms)
                .put("orientations", orientations)
                .put("normalisation", normalization.id())
                .put("sigmas", sigmas)
                .put("ring-radii", ringRadii);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DaisyDescriptor d && step == d.step && radius == d.radius
                && histograms == d.histograms && orientations == d.orientations
                && normalization == d.normalization && Arrays.equals(sigmas, d.sigmas)
                && Arrays.equals(ringRadii, d.ringRadii);
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, radius, histograms, orientations, normalization)
                + 31 * Arrays.hashCode(sigmas) + 961 * Arrays.hashCode(ringRadii);
    }

    @Override
    public String toString() {
        return "DaisyDescriptor" + writeTo(ComponentSpec.builder("daisy")).build().parameters();
    }

    /**
     * Configures a {@link DaisyDescriptor}; starts from scikit-image's defaults, validates in
     * {@link #build()}. Not thread-safe.
     *
     * <p>As in scikit-image, explicit {@linkplain #ringRadii ring radii} decide the number of
     * rings and the radius, and explicit {@linkplain #sigmas sigmas} decide the number of rings;
     * setting {@link #rings} or {@link #radius} to a value they contradict is an error. Without
     * them, ring {@code i} (1-based) has radius {@code radius * i / rings} and sigma
     * {@code radius * i / (2 rings)}, and the centre has the first ring's sigma.
     */
    public static final class Builder {
        private int step = DEFAULT_STEP;
        private Integer radius;
        private Integer rings;
        private int histograms = DEFAULT_HISTOGRAMS;
        private int orientations = DEFAULT_ORIENTATIONS;
        private DaisyNormalization normalization = DaisyNormalization.L1;
        private double[] sigmas;
        private double[] ringRadii;

        private Builder() {
        }

        /** Distance between descriptor centres in pixels (default 4). */
        public Builder step(int step) {
            this.step = step;
            return this;
        }

        /** Radius of the outermost ring in pixels (default 15). */
        public Builder radius(int radius) {
            this.radius = radius;
            return this;
        }

        /** Number of rings around the centre histogram (default 3). */
        public Builder rings(int rings) {
            this.rings = rings;
            return this;
        }

        /** Histograms per ring (default 8). */
        public Builder histograms(int histograms) {
            this.histograms = histograms;
            return this;
        }

        /** Orientation bins per histogram (default 8, at most 360). */
        public Builder orientations(int orientations) {
            this.orientations = orientations;
            return this;
        }

        /** How descriptors are normalised (default {@link DaisyNormalization#L1}). */
        public Builder normalization(DaisyNormalization normalization) {
            this.normalization = Objects.requireNonNull(normalization, "normalisation");
            return this;
        }

        /**
         * The smoothing sigma of the centre histogram, then of each ring inside out: one more
         * value than there are rings, each in 0..10000 (0 = no smoothing).
         */
        public Builder sigmas(double... centreThenRings) {
            this.sigmas = Objects.requireNonNull(centreThenRings, "sigmas").clone();
            return this;
        }

        /**
         * Sigmas as given to scikit-image's {@code daisy(sigmas=...)}, reproducing what its code
         * (0.19) does with them: the centre <em>and the first ring</em> are smoothed with the
         * first sigma, ring {@code i} (0-based, {@code i >= 1}) with {@code sigmas[i]}, and the
         * last value is ignored. Equivalent to {@link #sigmas} with
         * {@code {s[0], s[0], s[1], ..., s[n-2]}}.
         */
        public Builder scikitImageSigmas(double... sigmas) {
            Objects.requireNonNull(sigmas, "sigmas");
            if (sigmas.length < 2) {
                throw new IllegalArgumentException("scikit-image sigmas need at least 2 values "
                        + "(centre and one ring), got " + sigmas.length);
            }
            double[] effective = new double[sigmas.length];
            effective[0] = sigmas[0];
            System.arraycopy(sigmas, 0, effective, 1, sigmas.length - 1);
            this.sigmas = effective;
            return this;
        }

        /**
         * The radius of each ring inside out, positive; the last, the outer radius, must be a
         * whole number and no ring may lie outside it.
         */
        public Builder ringRadii(double... ringRadii) {
            this.ringRadii = Objects.requireNonNull(ringRadii, "ringRadii").clone();
            return this;
        }

        /**
         * The descriptor.
         *
         * @throws IllegalArgumentException naming the parameter that is out of range or
         *     contradicts another
         */
        public DaisyDescriptor build() {
            requirePositive(step, "step");
            requirePositive(histograms, "histograms");
            requirePositive(orientations, "orientations");
            if (orientations > MAX_ORIENTATIONS) {
                // the bin weight exp(orientations / pi * cos) overflows double near 2000 bins
                throw new IllegalArgumentException("orientations must be at most " + MAX_ORIENTATIONS
                        + ", got " + orientations);
            }
            int ringCount = resolveRings();
            requirePositive(ringCount, "rings");
            int outer = resolveRadius();
            requirePositive(outer, "radius");
            if (outer > MAX_RADIUS) {
                throw new IllegalArgumentException("radius must be at most " + MAX_RADIUS + ", got " + outer);
            }
            double[] radii = ringRadii != null ? ringRadii.clone() : new double[ringCount];
            double[] smoothing = sigmas != null ? sigmas.clone() : new double[ringCount + 1];
            for (int i = 0; i < ringCount; i++) {
                if (ringRadii == null) {
                    radii[i] = outer * (i + 1) / (double) ringCount;
                }
                if (sigmas == null) {
                    smoothing[i + 1] = outer * (i + 1) / (2.0 * ringCount);
                }
                if (!(radii[i] > 0) || radii[i] > outer) {
                    throw new IllegalArgumentException("ring radii must be positive and at most the outer radius "
                            + outer + ", got " + Arrays.toString(radii));
                }
            }
            if (sigmas == null) {
                smoothing[0] = smoothing[1];
            }
            for (double s : smoothing) {
                if (!(s >= 0) || s > MAX_SIGMA) {
                    throw new IllegalArgumentException("sigmas must be in 0.." + MAX_SIGMA + ", got "
                            + Arrays.toString(smoothing));
                }
            }
            return new DaisyDescriptor(this, outer, smoothing, radii);
        }

        private int resolveRings() {
            Integer fromRadii = ringRadii == null ? null : ringRadii.length;
            Integer fromSigmas = sigmas == null ? null : sigmas.length - 1;
            if (fromRadii != null && fromSigmas != null && !fromRadii.equals(fromSigmas)) {
                throw new IllegalArgumentException("sigmas need one value more than ring radii (centre + "
                        + fromRadii + " rings), got " + sigmas.length);
            }
            Integer derived = fromRadii != null ? fromRadii : fromSigmas;
            if (derived != null && rings != null && !rings.equals(derived)) {
                throw new IllegalArgumentException("rings = " + rings + " contradicts the " + derived
                        + " rings given by " + (fromRadii != null ? "ring radii" : "sigmas (centre + one per ring)"));
            }
            return derived != null ? derived : rings != null ? rings : DEFAULT_RINGS;
        }

        private int resolveRadius() {
            if (ringRadii == null || ringRadii.length == 0) {
                return radius != null ? radius : DEFAULT_RADIUS;
            }
            double last = ringRadii[ringRadii.length - 1];
            if (last != Math.rint(last) || last < 1 || last > MAX_RADIUS) {
                throw new IllegalArgumentException("the last ring radius is the outer radius and must be a "
                        + "positive whole number, got " + last);
            }
            if (radius != null && radius != (int) last) {
                throw new IllegalArgumentException("radius = " + radius + " contradicts the last ring radius " + last);
            }
            return (int) last;
        }

        private static void requirePositive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
        }
    }
}
