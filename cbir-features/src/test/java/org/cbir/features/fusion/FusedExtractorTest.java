package org.cbir.features.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.core.spi.RestoreContext;
import org.cbir.features.daisy.DaisyExtractor;
import org.cbir.features.daisy.DaisyPooling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FusedExtractorTest {
    private static final RestoreContext STATELESS = RestoreContext.stateless(ComponentRegistry.standard());
    private static final Image IMAGE = Image.grey(40, 40, ramp(40 * 40));

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i * 37 % 101) / 100f;
        }
        return v;
    }

    private static FusedExtractor handExample() {
        return FusedExtractor.builder()
                .add(TestExtractors.Fixed.of(3, 4), 2.0, Normalization.L2)
                .add(TestExtractors.Fixed.of(1, 3, 5), 0.5, Normalization.MIN_MAX)
                .add(TestExtractors.Fixed.of(-1, 2), 1.0, Normalization.NONE)
                .build();
    }

    @Test
    void concatenatesNormalisedWeightedParts() {
        // [3,4] / 5 * 2 = [1.2, 1.6]; ([1,3,5] - 1) / 4 * 0.5 = [0, 0.25, 0.5]; [-1, 2] as is
        FusedExtractor fused = handExample();
        assertEquals(7, fused.dimension());
        assertArrayEquals(new float[] {1.2f, 1.6f, 0f, 0.25f, 0.5f, -1f, 2f}, fused.extract(IMAGE), 1e-6f);
    }

    @Test
    void degenerateSignaturesNormaliseToZeros() {
        FusedExtractor fused = FusedExtractor.builder()
                .add(TestExtractors.Fixed.of(0, 0, 0), 3.0, Normalization.L2)
                .add(TestExtractors.Fixed.of(7, 7), 3.0, Normalization.MIN_MAX)
                .add(TestExtractors.Fixed.of(-2, 0.5f), 4.0, Normalization.NONE)
                .build();
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, -8, 2}, fused.extract(IMAGE));
    }

    @Test
    void specNestsThePartSpecs() {
        ComponentSpec spec = handExample().spec();
        assertEquals("fusion", spec.type());
        assertEquals("3", spec.require("parts"));
        assertEquals("test-fixed", spec.require("part.1.type"));
        assertEquals("1.0,3.0,5.0", spec.require("part.1.param.values"));
        assertEquals("0.5", spec.require("part.1.weight"));
        assertEquals("min-max", spec.require("part.1.normalisation"));
        assertEquals("l2", spec.require("part.0.normalisation"));
        assertEquals(3 * 4 + 1, spec.parameters().size());
    }

    @Test
    void providerRestoresFusionsOfRealAndNestedParts() throws IOException {
        DaisyExtractor daisy = DaisyExtractor.builder().pooling(DaisyPooling.MEAN_AND_STD).build();
        FusedExtractor inner = FusedExtractor.builder()
                .add(daisy, 0.25, Normalization.MIN_MAX)
                .add(TestExtractors.Fixed.of(1, 2, 3))
                .build();
        FusedExtractor outer = FusedExtractor.builder()
                .add(TestExtractors.Fixed.of(3, 4), 2.0, Normalization.L2)
                .add(inner, 1.5, Normalization.L2)
                .build();
        assertEquals("daisy", outer.spec().require("part.1.param.part.0.type"));
        FeatureExtractor restored = ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, outer.spec());
        assertEquals(outer, restored);
        assertEquals(outer.spec(), restored.spec());
        assertEquals(2 + 400 + 3, restored.dimension());
        assertArrayEquals(outer.extract(IMAGE), restored.extract(IMAGE));
    }

    @Test
    void malformedSpecsAreRefused() {
        Map<String, String> p = new TreeMap<>(handExample().spec().parameters());
        p.put("part.3.weight", "1.0");
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> FusedExtractor.restore(new ComponentSpec("fusion", p), STATELESS));
        assertTrue(extra.getMessage().contains("part.3.weight"), extra.getMessage());
        p.remove("part.3.weight");
        p.put("part.2.normalisation", "max");
        assertThrows(IllegalArgumentException.class, () -> FusedExtractor.restore(new ComponentSpec("fusion", p), STATELESS));
        p.put("part.2.normalisation", "none");
        p.put("part.2.weight", "-1");
        assertThrows(IllegalArgumentException.class, () -> FusedExtractor.restore(new ComponentSpec("fusion", p), STATELESS));
        p.remove("part.2.weight");
        assertThrows(IllegalArgumentException.class, () -> FusedExtractor.restore(new ComponentSpec("fusion", p), STATELESS));
        assertThrows(IllegalArgumentException.class,
                () -> FusedExtractor.restore(ComponentSpec.of("fusion", "parts", 0), STATELESS));
    }

    @Test
    void badPartsAreRefusedWhenAdded() {
        FeatureExtractor part = TestExtractors.Fixed.of(1);
        assertThrows(IllegalArgumentException.class, () -> FusedExtractor.builder().add(part, 0, Normalization.L2));
        assertThrows(IllegalArgumentException.class, () -> FusedExtractor.builder().add(part, Double.NaN, Normalization.L2));
        assertThrows(IllegalArgumentException.class,
                () -> FusedExtractor.builder().add(part, Double.POSITIVE_INFINITY, Normalization.L2));
        assertThrows(NullPointerException.class, () -> FusedExtractor.builder().add(part, 1, null));
        assertThrows(IllegalArgumentException.class, () -> FusedExtractor.builder().build());
    }

    @Test
    void trainablePartsAreFittedAndTheirStateSavedAndRestored(@TempDir Path dir) throws IOException {
        FusedExtractor fused = FusedExtractor.builder()
                .add(TestExtractors.Fixed.of(5, 6))
                .add(new TestExtractors.Learning(0), 2.0, Normalization.NONE)
                .build();
        assertTrue(fused.isTrainable());
        assertFalse(handExample().isTrainable());
        ImageCollection training = ImageCollection.of(List.of(
                new ImageEntry.InMemory("a", "x", IMAGE), new ImageEntry.InMemory("b", "y", IMAGE),
                new ImageEntry.InMemory("c", "x", IMAGE)));
        FeatureExtractor fitted = fused.fit(training, ProgressListener.NONE);
        assertArrayEquals(new float[] {5, 6, 6}, fitted.extract(IMAGE)); // level 3, weight 2

        ((FusedExtractor) fitted).save(StoreDirectory.local(dir));
        assertFalse(Files.exists(dir.resolve("part-0")));
        assertTrue(Files.isRegularFile(dir.resolve("part-1").resolve("level.txt")));
        FeatureExtractor restored = ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, fitted.spec(), StoreDirectory.local(dir));
        assertArrayEquals(new float[] {5, 6, 6}, restored.extract(IMAGE));
    }

    @Test
    void normalisationNamesRoundTrip() {
        for (Normalization n : Normalization.values()) {
            assertEquals(n, Normalization.fromId(n.id()));
        }
        assertThrows(IllegalArgumentException.class, () -> Normalization.fromId("L2"));
    }
}
