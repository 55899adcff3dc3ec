package org.cbir.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.spi.ComponentProvider;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.features.glcm.GreyLevelCooccurrence;
import org.cbir.features.hog.HistogramOfOrientedGradients;
import org.cbir.features.lbp.LbpMethod;
import org.cbir.features.lbp.LocalBinaryPattern;
import org.junit.jupiter.api.Test;

class FeaturesComponentsTest {

    @Test
    void isRegisteredAsAServiceForItsTypes() {
        boolean found = ServiceLoader.load(ComponentProvider.class).stream()
                .anyMatch(p -> p.type() == FeaturesComponents.class);
        assertTrue(found, "FeaturesComponents is not listed in META-INF/services");
        assertEquals(java.util.Set.of("glcm", "hog", "lbp", "daisy", "fusion"), new FeaturesComponents().componentTypes()
                .stream().map(t -> t.name()).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void restoresEachFactoryDescriptorFromItsSpec() throws Exception {
        List<FeatureExtractor> extractors = List.of(TextureDescriptors.glcm(), TextureDescriptors.glcm(16, 1, 3),
                TextureDescriptors.hog(), TextureDescriptors.hog(48, 32), TextureDescriptors.lbp(),
                TextureDescriptors.lbp(24, 3), TextureDescriptors.lbp(8, 1, LbpMethod.VAR));
        for (FeatureExtractor e : extractors) {
            FeatureExtractor restored = ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, e.spec());
            assertEquals(e.getClass(), restored.getClass());
            assertEquals(e.spec(), restored.spec());
            assertEquals(e.dimension(), restored.dimension());
        }
        assertInstanceOf(GreyLevelCooccurrence.class, restore(TextureDescriptors.glcm().spec()));
        assertInstanceOf(HistogramOfOrientedGradients.class, restore(TextureDescriptors.hog().spec()));
        assertInstanceOf(LocalBinaryPattern.class, restore(TextureDescriptors.lbp().spec()));
    }

    @Test
    void specsListEveryParameter() {
        assertEquals(Map.of("levels", "256", "distances", "1", "symmetric", "false", "aggregation", "pooled",
                "angles", "0.0,0.7853981633974483,1.5707963267948966,2.356194490192345",
                "properties", "contrast,dissimilarity,homogeneity,energy,correlation,asm,entropy"),
                TextureDescriptors.glcm().spec().parameters());
        assertEquals(Map.of("orientations", "9", "cell-width", "8", "cell-height", "8", "block-width", "3",
                "block-height", "3", "block-norm", "l2-hys", "transform-sqrt", "false", "width", "64",
                "height", "64"), TextureDescriptors.hog().spec().parameters());
        assertEquals(Map.of("points", "8", "radius", "1.0", "method", "uniform"),
                TextureDescriptors.lbp().spec().parameters());
        assertEquals(Map.of("points", "8", "radius", "1.0", "method", "var", "variance-bins", "16",
                "variance-max", "0.0625"), TextureDescriptors.lbp(8, 1, LbpMethod.VAR).spec().parameters());
    }

    @Test
    void rejectsMissingOrMalformedParameters() {
        Map<String, String> params = new HashMap<>(TextureDescriptors.hog().spec().parameters());
        params.remove("block-norm");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> restore(new ComponentSpec("hog", params)));
        assertTrue(missing.getMessage().contains("block-norm"), missing.getMessage());

        Map<String, String> glcm = new HashMap<>(TextureDescriptors.glcm().spec().parameters());
        glcm.put("symmetric", "yes");
        IllegalArgumentException bool = assertThrows(IllegalArgumentException.class,
                () -> restore(new ComponentSpec("glcm", glcm)));
        assertTrue(bool.getMessage().contains("symmetric"), bool.getMessage());
        glcm.put("symmetric", "true");
        glcm.put("distances", "1,two");
        IllegalArgumentException list = assertThrows(IllegalArgumentException.class,
                () -> restore(new ComponentSpec("glcm", glcm)));
        assertTrue(list.getMessage().contains("distances"), list.getMessage());

        assertThrows(IllegalArgumentException.class, () -> restore(ComponentSpec.of("daisy")));
        assertThrows(IllegalArgumentException.class,
                () -> restore(ComponentSpec.of("lbp", "points", 8, "radius", 1, "method", "lbp")));
    }

    private static FeatureExtractor restore(ComponentSpec spec) throws java.io.IOException {
        return ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, spec);
    }
}
