package org.cbir.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.Similarity;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving what cannot be loaded, programmatic registration, and types claimed twice. */
class ComponentsTest {
    private static final Image IMAGE = Image.grey(2, 1, new float[] {0.25f, 0.75f});

    /** The first sample; its type {@code spec.type} is given, so each test can use its own. */
    private record FirstSample(String type) implements FeatureExtractor {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of(type);
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public float[] extract(Image image) {
            return new float[] {image.greyIntensities()[0]};
        }
    }

    /** Restores {@link FirstSample}s of the types it is given. */
    private record SampleProvider(Set<String> types) implements ComponentProvider {
        @Override
        public Object restore(ComponentSpec spec, Path state) {
            return new FirstSample(spec.type());
        }
    }

    /** A second provider class, claiming whatever it is told to. */
    private record OtherProvider(Set<String> types) implements ComponentProvider {
        @Override
        public Object restore(ComponentSpec spec, Path state) {
            return new FirstSample(spec.type());
        }
    }

    private static RetrievalPipeline oneImage(String type) {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new FirstSample(type)).build();
        pipeline.add(IMAGE, "a", "A");
        return pipeline;
    }

    @Test
    void saveRefusesAnExtractorNoProviderCanRestoreAndWritesNothing(@TempDir Path dir) {
        Path store = dir.resolve("store.cbir");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> oneImage("unregistered-sample").save(store));
        assertTrue(e.getMessage().contains("'unregistered-sample'"), e.getMessage());
        assertTrue(e.getMessage().contains(FirstSample.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("META-INF/services/" + ComponentProvider.class.getName()), e.getMessage());
        assertFalse(Files.exists(store));
    }

    @Test
    void aRegisteredProviderMakesTheSaveLoadable(@TempDir Path dir) throws IOException {
        Components.register(new SampleProvider(Set.of("registered-sample")));
        Components.register(new SampleProvider(Set.of("registered-sample")));
        Path store = dir.resolve("store.cbir");
        oneImage("registered-sample").save(store);
        try (RetrievalPipeline again = RetrievalPipeline.load(store)) {
            assertEquals(new FirstSample("registered-sample"), again.extractor());
            assertEquals("a", again.query(IMAGE, 1).matches().get(0).path());
        }
    }

    @Test
    void aProviderClaimingABuiltInTypeIsRefusedNamingBothClasses() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Components.register(new OtherProvider(Set.of("cosine"))));
        assertTrue(e.getMessage().contains("'cosine'"), e.getMessage());
        assertTrue(e.getMessage().contains("org.cbir.core.search.CoreComponents"), e.getMessage());
        assertTrue(e.getMessage().contains(OtherProvider.class.getName()), e.getMessage());
        Similarity cosine = assertDoesNotFail(() -> Components.restore(ComponentSpec.of("cosine"), null,
                Similarity.class));
        assertEquals("cosine", cosine.spec().type());
    }

    @Test
    void twoProvidersOfOneTypeAreReportedWhenItIsRestored() throws IOException {
        Components.register(new SampleProvider(Set.of("contested-sample")));
        assertThrows(IllegalStateException.class,
                () -> Components.register(new OtherProvider(Set.of("contested-sample"))));
        // the refused provider was not added: the type still restores with the first one
        assertEquals(new FirstSample("contested-sample"),
                Components.restore(ComponentSpec.of("contested-sample"), null, FeatureExtractor.class));
    }

    private interface Restoring<T> {
        T get() throws IOException;
    }

    private static <T> T assertDoesNotFail(Restoring<T> restoring) {
        try {
            return restoring.get();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
