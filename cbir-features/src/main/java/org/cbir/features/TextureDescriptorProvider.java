package org.cbir.features;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.spi.ComponentProvider;
import org.cbir.features.glcm.GlcmAggregation;
import org.cbir.features.glcm.GlcmProperty;
import org.cbir.features.glcm.GreyLevelCooccurrence;
import org.cbir.features.hog.BlockNormalization;
import org.cbir.features.hog.HistogramOfOrientedGradients;
import org.cbir.features.lbp.LbpMethod;
import org.cbir.features.lbp.LocalBinaryPattern;

/**
 * Rebuilds the {@link TextureDescriptors} extractors ({@code "glcm"}, {@code "hog"},
 * {@code "lbp"}) from their {@link ComponentSpec}s. Every parameter that the extractor's
 * {@code spec()} writes is required; lists are comma-separated. Stateless and thread-safe;
 * registered in {@code META-INF/services/org.cbir.core.spi.ComponentProvider}.
 */
public final class TextureDescriptorProvider implements ComponentProvider {

    /** For {@link java.util.ServiceLoader}. */
    public TextureDescriptorProvider() {
    }

    @Override
    public Set<String> types() {
        return Set.of(GreyLevelCooccurrence.TYPE, HistogramOfOrientedGradients.TYPE, LocalBinaryPattern.TYPE);
    }

    /** The extractor of {@code spec}; {@code state} is ignored (these extractors learn nothing). */
    @Override
    public Object restore(ComponentSpec spec, Path state) {
        return switch (spec.type()) {
            case GreyLevelCooccurrence.TYPE -> glcm(spec);
            case HistogramOfOrientedGradients.TYPE -> hog(spec);
            case LocalBinaryPattern.TYPE -> lbp(spec);
            default -> throw new IllegalArgumentException("TextureDescriptorProvider does not know component type '"
                    + spec.type() + "'; it knows " + types());
        };
    }

    private static GreyLevelCooccurrence glcm(ComponentSpec spec) {
        String[] distances = list(spec, "distances");
        String[] angles = list(spec, "angles");
        String[] properties = list(spec, "properties");
        return GreyLevelCooccurrence.builder()
                .levels(spec.requireInt("levels"))
                .distances(Arrays.stream(distances).mapToInt(d -> parseInt(spec, "distances", d)).toArray())
                .angles(Arrays.stream(angles).mapToDouble(a -> parseDouble(spec, "angles", a)).toArray())
                .symmetric(bool(spec, "symmetric"))
                .properties(Arrays.stream(properties).map(GlcmProperty::fromSpecName).toArray(GlcmProperty[]::new))
                .aggregation(GlcmAggregation.fromSpecName(spec.require("aggregation")))
                .build();
    }

    private static HistogramOfOrientedGradients hog(ComponentSpec spec) {
        return HistogramOfOrientedGradients.builder()
                .orientations(spec.requireInt("orientations"))
                .pixelsPerCell(spec.requireInt("cell-width"), spec.requireInt("cell-height"))
                .cellsPerBlock(spec.requireInt("block-width"), spec.requireInt("block-height"))
                .blockNormalization(BlockNormalization.fromSpecName(spec.require("block-norm")))
                .transformSqrt(bool(spec, "transform-sqrt"))
                .size(spec.requireInt("width"), spec.requireInt("height"))
                .build();
    }

    private static LocalBinaryPattern lbp(ComponentSpec spec) {
        LbpMethod method = LbpMethod.fromSpecName(spec.require("method"));
        LocalBinaryPattern.Builder builder = LocalBinaryPattern.builder()
                .points(spec.requireInt("points"))
                .radius(spec.requireDouble("radius"))
                .method(method);
        if (method == LbpMethod.VAR) {
            builder.varianceBins(spec.requireInt("variance-bins")).varianceMax(spec.requireDouble("variance-max"));
        }
        return builder.build();
    }

    private static String[] list(ComponentSpec spec, String name) {
        String value = spec.require(name).trim();
        return value.isEmpty() ? new String[0] : value.split("\\s*,\\s*");
    }

    private static boolean bool(ComponentSpec spec, String name) {
        String value = spec.require(name).trim();
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("parameter '" + name + "' of component '" + spec.type()
                + "' must be true or false, got " + value);
    }

    private static int parseInt(ComponentSpec spec, String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' of component '" + spec.type()
                    + "' holds a non-integer: " + value, e);
        }
    }

    private static double parseDouble(ComponentSpec spec, String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' of component '" + spec.type()
                    + "' holds a non-number: " + value, e);
        }
    }
}
