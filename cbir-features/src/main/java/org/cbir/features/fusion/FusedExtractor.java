package org.cbir.features.fusion;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Persistent;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRole;
import org.cbir.core.spi.RestoreContext;

/**
 * Several extractors as one: the signature is the concatenation, in the order the parts were
 * added, of each part's signature after its {@link Normalization} and multiplied by its weight.
 * This combines CNN and classic signatures, as the pyCBIR paper (Araujo et al.) proposes as
 * future work. With L2-normalised parts, a part's weight squared is its share of the squared
 * Euclidean distance between two fused signatures, so weights say how much each part counts.
 *
 * <pre>{@code
 * FeatureExtractor fused = FusedExtractor.builder()
 *         .add(cnn, 1.0, Normalization.L2)
 *         .add(DaisyExtractor.withDefaults(), 0.5, Normalization.L2)
 *         .build();
 * }</pre>
 *
 * <p>The spec (type {@value #TYPE}) nests the parts' specs: {@code parts} = their count, and for
 * part {@code i}: {@code part.i.type}, {@code part.i.param.NAME} for each of its parameters,
 * {@code part.i.weight} and {@code part.i.normalisation}. {@link #restore} restores it.
 * Parts that learn ({@link #isTrainable()}) are trained by {@link #fit}; parts with state are
 * saved by {@link #save} into sub-directories {@code part-i}.
 *
 * <p>Immutable; thread-safe when its parts are. {@link #extract} returns a new array.
 */
public final class FusedExtractor implements FeatureExtractor, Persistent {
    /** The component type in specs. */
    public static final String TYPE = "fusion";

    private final List<Part> parts;
    private final int dimension;

    private FusedExtractor(List<Part> parts) {
        this.parts = List.copyOf(parts);
        int sum = 0;
        for (Part p : this.parts) {
            sum = Math.addExact(sum, p.extractor().dimension());
        }
        this.dimension = sum;
    }

    /**
     * The fusion {@code spec} describes, each part restored through {@code context}'s registry,
     * so a part may be of any type some provider knows, a nested fusion included. Part {@code i}
     * gets {@code state/part-i} as its state when {@link #save} wrote that directory.
     *
     * @throws IllegalStateException if no provider knows a part's type
     * @throws IOException if a part's state cannot be read
     */
    public static FusedExtractor restore(ComponentSpec spec, RestoreContext context) throws IOException {
        List<FusionSpecs.PartSpec> parts = FusionSpecs.decode(spec);
        Builder builder = builder();
        for (int i = 0; i < parts.size(); i++) {
            FusionSpecs.PartSpec part = parts.get(i);
            String partDirectory = stateDirectory(i);
            StoreDirectory state = context.state().orElse(null);
            StoreDirectory partState = state != null && state.exists(partDirectory) ? state.directory(partDirectory) : null;
            builder.add(context.registry().restore(ComponentRole.EXTRACTOR, part.spec(), partState),
                    part.weight(), part.normalization());
        }
        return builder.build();
    }

    /** A builder with no parts yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** The parts in signature order (an unmodifiable list). */
    public List<Part> parts() {
        return parts;
    }

    @Override
    public ComponentSpec spec() {
        return FusionSpecs.encode(parts);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /**
     * @throws IllegalArgumentException if a part refuses the image
     * @throws IllegalStateException if a part returns a signature of the wrong length
     */
    @Override
    public float[] extract(Image image) {
        Objects.requireNonNull(image, "image");
        float[] out = new float[dimension];
        int offset = 0;
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            float[] signature = part.extractor().extract(image);
            int expected = part.extractor().dimension();
            if (signature.length != expected) {
                throw new IllegalStateException("fusion part " + i + " (" + part.extractor().spec().type()
                        + ") returned " + signature.length + " values instead of its dimension " + expected);
            }
            part.normalization().apply(signature, part.weight(), out, offset);
            offset += expected;
        }
        return out;
    }

    /** True when any part learns from labelled images. */
    @Override
    public boolean isTrainable() {
        return parts.stream().anyMatch(p -> p.extractor().isTrainable());
    }

    /** A fusion of the parts after each part's own {@code fit} (parts that learn nothing return themselves). */
    @Override
    public FeatureExtractor fit(ImageCollection training, ProgressListener progress) {
        List<Part> fitted = new ArrayList<>(parts.size());
        for (Part p : parts) {
            fitted.add(new Part(p.extractor().fit(training, progress), p.weight(), p.normalization()));
        }
        return new FusedExtractor(fitted);
    }

    /** Saves each {@link Persistent} part into {@code directory/part-i}; stateless parts write nothing. */
    @Override
    public void save(StoreDirectory directory) throws IOException {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).extractor() instanceof Persistent persistent) {
                persistent.save(directory.directory(stateDirectory(i)));
            }
        }
    }

    /** The sub-directory of a fusion's state directory that holds part {@code index}'s state. */
    static String stateDirectory(int index) {
        return "part-" + index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FusedExtractor f && parts.equals(f.parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return spec().toString();
    }

    /**
     * One part of a fusion.
     *
     * @param extractor the part's extractor
     * @param weight the factor its normalised signature is multiplied by: finite and positive
     * @param normalization how its signature is rescaled before weighting
     */
    public record Part(FeatureExtractor extractor, double weight, Normalization normalization) {
        public Part {
            Objects.requireNonNull(extractor, "extractor");
            Objects.requireNonNull(normalization, "normalisation");
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("the weight of a fusion part must be finite and positive, got "
                        + weight + " for " + extractor.spec().type());
            }
            if (extractor.dimension() < 1) {
                throw new IllegalArgumentException("fusion part " + extractor.spec().type()
                        + " has dimension " + extractor.dimension());
            }
        }
    }

    /** Collects the parts of a {@link FusedExtractor}; validated in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final List<Part> parts = new ArrayList<>();

        private Builder() {
        }

        /**
         * Appends a part: its signature follows those of the parts added before.
         *
         * @throws IllegalArgumentException if the weight is not finite and positive
         */
        public Builder add(FeatureExtractor extractor, double weight, Normalization normalization) {
            parts.add(new Part(extractor, weight, normalization));
            return this;
        }

        /** Appends a part with weight 1 and no normalisation. */
        public Builder add(FeatureExtractor extractor) {
            return add(extractor, 1.0, Normalization.NONE);
        }

        /**
         * The fusion.
         *
         * @throws IllegalArgumentException if no part was added
         */
        public FusedExtractor build() {
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("a fusion needs at least one part");
            }
            return new FusedExtractor(parts);
        }
    }
}
