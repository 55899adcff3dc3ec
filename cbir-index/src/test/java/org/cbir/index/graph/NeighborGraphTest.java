package org.cbir.index.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cbir.core.ComponentSpec;
import org.junit.jupiter.api.Test;

/** The factory's parameters: defaults, validation and the spec round trip. */
class NeighborGraphTest {
    @Test
    void specRecordsEveryParameterAndRoundTrips() {
        NeighborGraph factory = NeighborGraph.builder().maxDegree(24).beamWidth(80).alpha(1.4f).neighborOverflow(1.5f)
                .hierarchy(false).searchBeam(30).build();
        assertEquals(ComponentSpec.of("graph", "max-degree", 24, "beam-width", 80, "alpha", 1.4f,
                "neighbor-overflow", 1.5f, "hierarchy", false, "search-beam", 30), factory.spec());
        NeighborGraph back = NeighborGraph.fromSpec(factory.spec());
        assertEquals(factory, back);
        assertEquals(1.4f, back.alpha());
        assertEquals(NeighborGraph.builder().build().spec(), NeighborGraph.fromSpec(NeighborGraph.builder().build().spec()).spec());
        assertNotEquals(factory, NeighborGraph.builder().build());
    }

    @Test
    void defaults() {
        NeighborGraph factory = NeighborGraph.builder().build();
        assertEquals(32, factory.maxDegree());
        assertEquals(100, factory.beamWidth());
        assertEquals(1.2f, factory.alpha());
        assertEquals(1.2f, factory.neighborOverflow());
        assertTrue(factory.hierarchy());
        assertEquals(50, factory.searchBeam());
    }

    @Test
    void refusesOutOfRangeParametersNamingThem() {
        assertMessage("maxDegree", () -> NeighborGraph.builder().maxDegree(1).build());
        assertMessage("beamWidth", () -> NeighborGraph.builder().beamWidth(0).build());
        assertMessage("alpha", () -> NeighborGraph.builder().alpha(0.9f).build());
        assertMessage("alpha", () -> NeighborGraph.builder().alpha(Float.NaN).build());
        assertMessage("neighborOverflow", () -> NeighborGraph.builder().neighborOverflow(0.5f).build());
        assertMessage("searchBeam", () -> NeighborGraph.builder().searchBeam(0).build());
        assertMessage("hierarchy", () -> NeighborGraph.fromSpec(ComponentSpec.of("graph", "max-degree", 32,
                "beam-width", 100, "alpha", 1.2, "neighbor-overflow", 1.2, "hierarchy", "yes", "search-beam", 50)));
        assertMessage("not a graph", () -> NeighborGraph.fromSpec(ComponentSpec.of("lsh-forest")));
    }

    private static void assertMessage(String fragment, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
