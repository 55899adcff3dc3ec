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
import org.cbir.core.spi.Components;
import org.junit.jupiter.api.Test;

class MetricsComponentProviderTest {

    @Test
    void definesEveryMetricButCoresCosine() {
        Set<String> expected = new HashSet<>(Metrics.names());
        expected.remove("cosine");
        assertEquals(expected, new MetricsComponentProvider().types());
    }

    @Test
    void savedSpecsReloadThroughTheServiceLoader() throws IOException {
        for (Similarity metric : Metrics.all()) {
            if (metric.spec().type().equals("cosine")) {
                continue;
            }
            Similarity restored = Components.restore(metric.spec(), null, Similarity.class);
            assertEquals(metric.spec(), restored.spec());
            assertEquals(metric.getClass(), restored.getClass());
        }
        Similarity kl = Components.restore(Metrics.kullbackLeibler(0.5).spec(), null, Similarity.class);
        assertEquals(0.5, assertInstanceOf(KullbackLeiblerDivergence.class, kl).epsilon());
    }

    @Test
    void refusesTypesItDoesNotDefine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MetricsComponentProvider().restore(ComponentSpec.of("cosine"), null));
        assertTrue(e.getMessage().contains("'cosine'"), e.getMessage());
    }
}
