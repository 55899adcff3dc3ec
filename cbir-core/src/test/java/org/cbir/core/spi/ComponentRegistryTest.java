package org.cbir.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.LoadOptions;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.Similarity;
import org.cbir.core.image.Image;
import org.cbir.core.internal.search.CosineDistance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving what cannot be loaded, registration in code, roles kept apart, and types claimed twice. */
class ComponentRegistryTest {
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
    private record SampleProvider(Set<String> names) implements ComponentProvider {
        @Override
        public List<ComponentType<?>> componentTypes() {
            return names.stream().<ComponentType<?>>map(n -> ComponentType.extractor(n,
                    (spec, context) -> new FirstSample(spec.type()))).toList();
        }
    }

    /** A second provider class, claiming whatever it is told to as a similarity. */
    private record OtherProvider(Set<String> names) implements ComponentProvider {
        @Override
        public List<ComponentType<?>> componentTypes() {
            return names.stream().<ComponentType<?>>map(n -> ComponentType.similarity(n,
                    (spec, context) -> new CosineDistance())).toList();
        }
    }

    private static RetrievalPipeline oneImage(String type, ComponentRegistry registry) {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new FirstSample(type)).registry(registry)
                .build();
        pipeline.add(IMAGE, "a", "A");
        return pipeline;
    }

    @Test
    void theStandardRegistryIsScannedOnceAndKnowsTheCoreTypesByRole() {
        assertSame(ComponentRegistry.standard(), ComponentRegistry.standard());
        ComponentRegistry standard = ComponentRegistry.standard();
        assertTrue(standard.types(ComponentRole.SIMILARITY).contains("cosine"), standard.toString());
        assertTrue(standard.types(ComponentRole.INDEX).contains("exact"), standard.toString());
        assertTrue(standard.types(ComponentRole.REDUCER).containsAll(Set.of("z-score", "min-max")), standard.toString());
        assertTrue(standard.types(ComponentRole.EXTRACTOR).contains("intensity-histogram"), standard.toString());
        assertFalse(standard.types(ComponentRole.EXTRACTOR).contains("cosine"), "roles are kept apart");
    }

    @Test
    void aTypeOfAnotherRoleIsNotRestoredInThisOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, ComponentSpec.of("cosine")));
        assertTrue(e.getMessage().contains("extractor type 'cosine'"), e.getMessage());
        assertTrue(e.getMessage().contains("intensity-histogram"), "lists the known extractor types: " + e.getMessage());
    }

    @Test
    void saveRefusesAnExtractorNoProviderCanRestoreAndWritesNothing(@TempDir Path dir) {
        Path store = dir.resolve("store.cbir");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> oneImage("unregistered-sample", ComponentRegistry.standard()).save(store));
        assertTrue(e.getMessage().contains("'unregistered-sample'"), e.getMessage());
        assertTrue(e.getMessage().contains(FirstSample.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("META-INF/services/" + ComponentProvider.class.getName()), e.getMessage());
        assertFalse(Files.exists(store));
    }

    @Test
    void aProviderAddedInCodeMakesTheSaveLoadableWithThatRegistry(@TempDir Path dir) throws IOException {
        ComponentRegistry registry = ComponentRegistry.standard().with(new SampleProvider(Set.of("registered-sample")));
        assertSame(registry, registry.with(new SampleProvider(Set.of("registered-sample"))), "same class: no-op");
        Path store = dir.resolve("store.cbir");
        oneImage("registered-sample", registry).save(store);
        try (RetrievalPipeline again = RetrievalPipeline.load(store, LoadOptions.defaults().withRegistry(registry))) {
            assertEquals(new FirstSample("registered-sample"), again.extractor());
            assertEquals("a", again.query(IMAGE, 1).matches().get(0).path());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RetrievalPipeline.load(store));
        assertTrue(e.getMessage().contains("'registered-sample'"), "the standard registry lacks it: " + e.getMessage());
    }

    @Test
    void aProviderClaimingABuiltInTypeIsRefusedNamingBothClasses() throws IOException {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ComponentRegistry.standard().with(new OtherProvider(Set.of("cosine"))));
        assertTrue(e.getMessage().contains("similarity type 'cosine'"), e.getMessage());
        assertTrue(e.getMessage().contains("org.cbir.core.internal.CoreComponents"), e.getMessage());
        assertTrue(e.getMessage().contains(OtherProvider.class.getName()), e.getMessage());
        Similarity cosine = ComponentRegistry.standard().restore(ComponentRole.SIMILARITY, ComponentSpec.of("cosine"));
        assertEquals("cosine", cosine.spec().type());
    }

    @Test
    void aNameMayBeUsedOnceInEachRole() throws IOException {
        ComponentRegistry registry = ComponentRegistry.of(new SampleProvider(Set.of("shared")),
                new OtherProvider(Set.of("shared")));
        assertEquals(new FirstSample("shared"), registry.restore(ComponentRole.EXTRACTOR, ComponentSpec.of("shared")));
        assertEquals("cosine", registry.restore(ComponentRole.SIMILARITY, ComponentSpec.of("shared")).spec().type());
        assertEquals(Set.of(), registry.types(ComponentRole.INDEX));
    }

    @Test
    void twoServiceLoadedProvidersOfOneTypeAreReportedWhenItIsUsed() throws IOException {
        ClassLoader twice = new TwiceListingLoader(getClass().getClassLoader());
        ComponentRegistry scanned = ComponentRegistry.scan(twice);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> scanned.restore(ComponentRole.SIMILARITY, ComponentSpec.of("cosine")));
        assertTrue(e.getMessage().contains(CosineClaimant.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("org.cbir.core.internal.CoreComponents"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> scanned.requireRestorable(ComponentRole.SIMILARITY,
                ComponentSpec.of("cosine"), new CosineDistance()));
        // the other types of the registry are untouched by the conflict
        assertEquals("exact", scanned.restore(ComponentRole.INDEX, ComponentSpec.of("exact")).spec().type());
    }

    @Test
    void aStatefulTypeWithoutItsStateIsRefusedNamingTheComponent() {
        ComponentRegistry registry = ComponentRegistry.of(() -> List.of(ComponentType.extractor("needs-state",
                (spec, context) -> new FirstSample(new String(context.requireState(spec).read("t").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)))));
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> registry.restore(ComponentRole.EXTRACTOR, ComponentSpec.of("needs-state")));
        assertTrue(e.getMessage().contains("needs-state"), e.getMessage());
    }

    /** A provider claiming the built-in cosine, listed by a service file of its own. */
    public static final class CosineClaimant implements ComponentProvider {
        @Override
        public List<ComponentType<?>> componentTypes() {
            return List.of(ComponentType.similarity("cosine", (spec, context) -> new CosineDistance()));
        }
    }

    /** Adds a service file naming {@link CosineClaimant} to what its parent lists. */
    private static final class TwiceListingLoader extends ClassLoader {
        TwiceListingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public java.util.Enumeration<java.net.URL> getResources(String name) throws IOException {
            List<java.net.URL> urls = new java.util.ArrayList<>(java.util.Collections.list(super.getResources(name)));
            if (name.equals("META-INF/services/" + ComponentProvider.class.getName())) {
                Path file = Files.createTempFile("claimant", ".services");
                Files.writeString(file, CosineClaimant.class.getName() + "\n");
                file.toFile().deleteOnExit();
                urls.add(file.toUri().toURL());
            }
            return java.util.Collections.enumeration(urls);
        }
    }
}
