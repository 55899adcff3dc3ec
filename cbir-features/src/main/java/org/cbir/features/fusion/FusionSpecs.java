package org.cbir.features.fusion;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cbir.core.ComponentSpec;

/**
 * The flat encoding of a fusion's nested specs in one {@link ComponentSpec}:
 * <pre>
 * parts                 = n
 * part.i.type           = the part's type            (i = 0 .. n-1)
 * part.i.param.NAME     = each parameter of the part (any depth: a nested fusion nests again)
 * part.i.weight         = its weight
 * part.i.normalisation  = none | l2 | min-max
 * </pre>
 */
final class FusionSpecs {
    private FusionSpecs() {
    }

    /** A part as its spec says: what to restore, and how to weight it. */
    record PartSpec(ComponentSpec spec, double weight, Normalization normalization) {
    }

    static ComponentSpec encode(List<FusedExtractor.Part> parts) {
        Map<String, String> p = new TreeMap<>();
        p.put("parts", Integer.toString(parts.size()));
        for (int i = 0; i < parts.size(); i++) {
            FusedExtractor.Part part = parts.get(i);
            ComponentSpec spec = part.extractor().spec();
            String prefix = "part." + i + ".";
            p.put(prefix + "type", spec.type());
            p.put(prefix + "weight", Double.toString(part.weight()));
            p.put(prefix + "normalisation", part.normalization().id());
            spec.parameters().forEach((name, value) -> p.put(prefix + "param." + name, value));
        }
        return new ComponentSpec(FusedExtractor.TYPE, p);
    }

    /**
     * The parts a fusion spec describes.
     *
     * @throws IllegalArgumentException if a part's entry is missing or malformed, or a
     *     parameter belongs to no part
     */
    static List<PartSpec> decode(ComponentSpec spec) {
        if (!FusedExtractor.TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not a fusion spec: " + spec);
        }
        int count = spec.requireInt("parts");
        if (count < 1) {
            throw new IllegalArgumentException("a fusion spec needs at least one part, 'parts' is " + count);
        }
        Set<String> used = new HashSet<>();
        used.add("parts");
        List<PartSpec> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String prefix = "part." + i + ".";
            String paramPrefix = prefix + "param.";
            Map<String, String> params = new TreeMap<>();
            for (Map.Entry<String, String> e : spec.parameters().entrySet()) {
                if (e.getKey().startsWith(paramPrefix)) {
                    params.put(e.getKey().substring(paramPrefix.length()), e.getValue());
                    used.add(e.getKey());
                }
            }
            String type = spec.require(prefix + "type");
            double weight = spec.requireDouble(prefix + "weight");
            Normalization normalization = Normalization.fromId(spec.require(prefix + "normalisation"));
            used.add(prefix + "type");
            used.add(prefix + "weight");
            used.add(prefix + "normalisation");
            parts.add(new PartSpec(new ComponentSpec(type, params), weight, normalization));
        }
        for (String name : spec.parameters().keySet()) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' of fusion spec belongs to none of its "
                        + count + " parts");
            }
        }
        return parts;
    }
}
