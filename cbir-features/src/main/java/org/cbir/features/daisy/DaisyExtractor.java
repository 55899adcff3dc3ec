package org.cbir.features.daisy;

import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;

/**
 * DAISY as a {@link FeatureExtractor}: the dense {@link DaisyDescriptor}s of the image's grey
 * intensities, {@linkplain DaisyPooling pooled} over the grid into a signature whose length
 * does not depend on the image size ({@code length} for {@link DaisyPooling#MEAN}, twice that
 * for {@link DaisyPooling#MEAN_AND_STD}).
 *
 * <p>Small images are up-scaled first, as pyCBIR (Araujo et al.) did before calling
 * scikit-image's {@code daisy}: each side shorter than {@link #minimumSize()} is stretched to
 * it by bilinear interpolation ({@link Image#resize}), the other side is kept. The default
 * minimum is 32 (pyCBIR's, which turns its 16x16 fibre patches into 32x32 images), or the
 * descriptor's own minimum {@code 2 radius + 1} when that is larger. pyCBIR flattened the whole
 * grid into the signature, whose length then depends on the image size; pooling keeps
 * signatures of differently sized images comparable.
 *
 * <p>Immutable and thread-safe; {@link #extract} returns a new array the caller owns.
 */
public final class DaisyExtractor implements FeatureExtractor {
    /** The component type in specs. */
    public static final String TYPE = "daisy";
    /** pyCBIR's minimum image side before DAISY. */
    public static final int PYCBIR_MINIMUM_SIZE = 32;

    private final DaisyDescriptor descriptor;
    private final DaisyPooling pooling;
    private final int minimumSize;

    private DaisyExtractor(DaisyDescriptor descriptor, DaisyPooling pooling, int minimumSize) {
        this.descriptor = descriptor;
        this.pooling = pooling;
        this.minimumSize = minimumSize;
    }

    /** scikit-image's default descriptor, mean pooling, minimum side 32. */
    public static DaisyExtractor withDefaults() {
        return builder().build();
    }

    /** A builder starting from {@link #withDefaults()}. */
    /**
     * The extractor that {@link #spec()} describes: every parameter it writes is required.
     *
     * @throws IllegalArgumentException naming the parameter that is missing or invalid
     */
    public static DaisyExtractor fromSpec(ComponentSpec spec) {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not a DAISY spec: " + spec);
        }
        DaisyDescriptor descriptor = DaisyDescriptor.builder()
                .step(spec.requireInt("step"))
                .radius(spec.requireInt("radius"))
                .rings(spec.requireInt("rings"))
                .histograms(spec.requireInt("histograms"))
                .orientations(spec.requireInt("orientations"))
                .normalization(DaisyNormalization.fromId(spec.require("normalisation")))
                .sigmas(spec.requireDoubles("sigmas"))
                .ringRadii(spec.requireDoubles("ring-radii"))
                .build();
        return builder()
                .descriptor(descriptor)
                .pooling(DaisyPooling.fromId(spec.require("pooling")))
                .minimumSize(spec.requireInt("minimum-size"))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public DaisyDescriptor descriptor() {
        return descriptor;
    }

    public DaisyPooling pooling() {
        return pooling;
    }

    /** Images with a side shorter than this are up-scaled to it before description. */
    public int minimumSize() {
        return minimumSize;
    }

    @Override
    public ComponentSpec spec() {
        return descriptor.writeTo(ComponentSpec.builder(TYPE))
                .put("pooling", pooling.id())
                .put("minimum-size", minimumSize)
                .build();
    }

    @Override
    public int dimension() {
        return pooling.dimension(descriptor.length());
    }

    /** The image as it is described: grey, and up-scaled where a side is below {@link #minimumSize()}. */
    public Image prepare(Image image) {
        Objects.requireNonNull(image, "image");
        Image grey = image.toGrey();
        int w = Math.max(grey.width(), minimumSize);
        int h = Math.max(grey.height(), minimumSize);
        return grey.resize(w, h);
    }

    /** The dense descriptor grid of the {@linkplain #prepare prepared} image. */
    public DenseDaisy dense(Image image) {
        return descriptor.describe(prepare(image));
    }

    @Override
    public float[] extract(Image image) {
        Image prepared = prepare(image);
        double[] dense = descriptor.compute(prepared.greyIntensities(), prepared.width(), prepared.height());
        int count = descriptor.gridRows(prepared.height()) * descriptor.gridColumns(prepared.width());
        return pooling.pool(dense, count, descriptor.length());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DaisyExtractor e && descriptor.equals(e.descriptor) && pooling == e.pooling
                && minimumSize == e.minimumSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(descriptor, pooling, minimumSize);
    }

    @Override
    public String toString() {
        return spec().toString();
    }

    /** Configures a {@link DaisyExtractor}; validated in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private DaisyDescriptor descriptor = DaisyDescriptor.scikitImageDefaults();
        private DaisyPooling pooling = DaisyPooling.MEAN;
        private Integer minimumSize;

        private Builder() {
        }

        /** The dense descriptor (default: {@link DaisyDescriptor#scikitImageDefaults()}). */
        public Builder descriptor(DaisyDescriptor descriptor) {
            this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
            return this;
        }

        /** How the grid is pooled (default {@link DaisyPooling#MEAN}). */
        public Builder pooling(DaisyPooling pooling) {
            this.pooling = Objects.requireNonNull(pooling, "pooling");
            return this;
        }

        /**
         * The side below which images are up-scaled; at least the descriptor's
         * {@link DaisyDescriptor#minimumSize()} (default: 32 or that minimum, the larger).
         */
        public Builder minimumSize(int minimumSize) {
            this.minimumSize = minimumSize;
            return this;
        }

        /**
         * The extractor.
         *
         * @throws IllegalArgumentException if the minimum size is below the descriptor's minimum
         */
        public DaisyExtractor build() {
            int min = minimumSize != null ? minimumSize : Math.max(PYCBIR_MINIMUM_SIZE, descriptor.minimumSize());
            if (min < descriptor.minimumSize()) {
                throw new IllegalArgumentException("minimum size " + min + " is below " + descriptor.minimumSize()
                        + ", the smallest image a DAISY descriptor of radius " + descriptor.radius() + " accepts");
            }
            return new DaisyExtractor(descriptor, pooling, min);
        }
    }
}
