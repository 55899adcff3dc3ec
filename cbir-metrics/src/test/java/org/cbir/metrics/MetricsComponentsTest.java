package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.junit.jupiter.api.Test;

class MetricsComponentsTest {

    @Test
    void definesEveryMetricButCoresCosine() {
        Set<String> expected = new HashSet<>(Similarities.names());
        expected.remove("cosine");
        Set<String> names = new HashSet<>();
        new MetricsComponents().componentTypes().forEach(t -> {
            assertEquals(ComponentRole.SIMILARITY, t.role());
            names.add(t.name());
        });
        assertEquals(expected, names);
    }

    @Test
    void savedSpecsReloadThroughTheServiceLoader() throws IOException {
        for (Similarity metric : Similarities.all()) {
            if (metric.spec().type().equals("cosine")) {
                continue;
            }
            Similarity restored = ComponentRegistry.standard().restore(ComponentRole.SIMILARITY, metric.spec());
            assertEquals(metric.spec(), restored.spec());
            assertEquals(metric.getClass(), restored.getClass());
        }
        Similarity kl = ComponentRegistry.standard().restore(ComponentRole.SIMILARITY, Similarities.kullbackLeibler(0.5).spec());
        assertEquals(0.5, assertInstanceOf(KullbackLeiblerDivergence.class, kl).epsilon());
    }

    @Test
    void cosineStaysWithCoreSoNoTypeIsClaimedTwice() throws IOException {
        assertEquals("org.cbir.core.internal.search.CosineDistance", ComponentRegistry.standard()
                .restore(ComponentRole.SIMILARITY, ComponentSpec.of("cosine")).getClass().getName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ComponentRegistry.standard()
                .restore(ComponentRole.SIMILARITY, ComponentSpec.of("chi-square", "unknown", 1)));
        assertTrue(e.getMessage().contains("unknown"), e.getMessage());
    }
}
