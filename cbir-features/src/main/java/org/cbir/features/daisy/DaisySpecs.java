package org.cbir.features.daisy;

import org.cbir.core.ComponentSpec;

/** Reads and writes the DAISY parameters of a {@link ComponentSpec}. */
final class DaisySpecs {
    private DaisySpecs() {
    }

    /** Comma-separated values that parse back to the same doubles. */
    static String join(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(v);
        }
        return sb.toString();
    }

    /** The extractor a {@link DaisyExtractor#spec()} describes. */
    static DaisyExtractor extractor(ComponentSpec spec) {
        if (!DaisyExtractor.TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not a DAISY spec: " + spec);
        }
        DaisyDescriptor descriptor = DaisyDescriptor.builder()
                .step(spec.requireInt("step"))
                .radius(spec.requireInt("radius"))
                .rings(spec.requireInt("rings"))
                .histograms(spec.requireInt("histograms"))
                .orientations(spec.requireInt("orientations"))
                .normalisation(DaisyNormalisation.fromId(spec.require("normalisation")))
                .sigmas(doubles(spec, "sigmas"))
                .ringRadii(doubles(spec, "ring-radii"))
                .build();
        return DaisyExtractor.builder()
                .descriptor(descriptor)
                .pooling(DaisyPooling.fromId(spec.require("pooling")))
                .minimumSize(spec.requireInt("minimum-size"))
                .build();
    }

    private static double[] doubles(ComponentSpec spec, String name) {
        String text = spec.require(name);
        String[] parts = text.split(",", -1);
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter '" + name + "' of component '" + spec.type()
                        + "' is not a comma-separated list of numbers: " + text, e);
            }
        }
        return values;
    }
}
