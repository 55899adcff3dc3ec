package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

class SimilaritiesTest {
    private static final List<String> NAMES = List.of("euclidean", "city-block", "chebyshev", "cosine",
            "pearson", "chi-square", "kullback-leibler", "jeffrey", "kolmogorov-smirnov", "cramer-von-mises",
            "earth-movers");

    @Test
    void listsTheElevenMetricsInPyCbirOrder() {
        assertEquals(NAMES, Similarities.names());
        assertEquals(NAMES, Similarities.all().stream().map(m -> m.spec().type()).toList());
    }

    @Test
    void factoryMethodsMatchTheirNames() {
        List<Similarity> byMethod = List.of(Similarities.euclidean(), Similarities.cityBlock(), Similarities.chebyshev(),
                Similarity.cosine(), Similarities.pearson(), Similarities.chiSquare(), Similarities.kullbackLeibler(),
                Similarities.jeffrey(), Similarities.kolmogorovSmirnov(), Similarities.cramerVonMises(), Similarities.earthMovers());
        assertEquals(Similarities.all(), byMethod);
        for (Similarity metric : byMethod) {
            assertSame(metric, Similarities.byName(metric.spec().type()));
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Similarities.byName("manhattan"));
        assertTrue(e.getMessage().contains("'manhattan'"), e.getMessage());
        for (String name : NAMES) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void specWithUnexpectedParametersIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Similarities.fromSpec(ComponentSpec.of("euclidean", "p", 3)));
        assertTrue(e.getMessage().contains("euclidean") && e.getMessage().contains("[p]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Similarities.fromSpec(ComponentSpec.of("kullback-leibler", "epsilon", 0.1, "base", 2)));
    }

    /** The one convention: for every metric a near neighbour ranks before a far one. */
    @Test
    void noMetricInvertsTheRanking() {
        float[] query = {10, 8, 6, 4, 2, 1, 1, 1};
        float[] near = {9, 8, 7, 4, 2, 1, 1, 1};
        float[] far = {1, 1, 1, 2, 4, 6, 8, 10};
        for (Similarity metric : Similarities.all()) {
            double dNear = metric.distance(query, near);
            double dFar = metric.distance(query, far);
            assertTrue(dNear < dFar, metric + ": near " + dNear + ", far " + dFar);
            assertEquals(0.0, metric.distance(query, query), 1e-12, metric.toString());
        }
    }
}
