package org.cbir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.cbir.core.ComponentSpec;
import org.cbir.index.graph.NeighborGraph;
import org.cbir.index.lsh.LshForest;
import org.junit.jupiter.api.Test;

/** {@code --index} choices name the factories they build; bad ones say what is allowed. */
class IndexChoiceTest {
    @Test
    void theInt8ScanIsChosenWithItsRerankDepth() {
        assertEquals(ComponentSpec.of("exact"), ComponentChoices.index("exact").spec());
        assertEquals(ComponentSpec.of("exact-int8", "rerank", 4), ComponentChoices.index("exact:int8").spec());
        assertEquals(ComponentSpec.of("exact-int8", "rerank", 9), ComponentChoices.index("exact:int8:9").spec());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ComponentChoices.index("exact:int8:0"));
        assertTrue(zero.getMessage().startsWith("'exact:int8:0': ") && zero.getMessage().contains("rerank"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ComponentChoices.index("exact:int8:4:2"));
        assertThrows(IllegalArgumentException.class, () -> ComponentChoices.index("exact:int4"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ComponentChoices.index("ivfpq"));
        assertTrue(unknown.getMessage().contains("exact:int8[:RERANK]"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("ivf[:LISTS[:PROBES]]"), unknown.getMessage());
    }

    @Test
    void theInvertedFileIsChosenWithItsListsAndProbes() {
        assertEquals(ComponentSpec.of("ivf", "lists", 1024, "probes", 8, "seed", 42L), ComponentChoices.index("ivf").spec());
        assertEquals(ComponentSpec.of("ivf", "lists", 256, "probes", 8, "seed", 42L),
                ComponentChoices.index("ivf:256").spec());
        assertEquals(ComponentSpec.of("ivf", "lists", 1024, "probes", 4, "seed", 42L),
                ComponentChoices.index("ivf:1024:4").spec());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ComponentChoices.index("ivf:0"));
        assertTrue(zero.getMessage().startsWith("'ivf:0': ") && zero.getMessage().contains("lists"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ComponentChoices.index("ivf:16:0"));
        assertThrows(IllegalArgumentException.class, () -> ComponentChoices.index("ivf:16:4:2"));
    }

    @Test
    void theProductQuantizedInvertedFileIsChosenWithListsProbesCodeBytesAndRerankDepth() {
        assertEquals(ComponentSpec.of("ivf-pq", "lists", 1024, "probes", 8, "m", 16, "rerank", 16, "seed", 42L),
                ComponentChoices.index("ivf:pq").spec());
        assertEquals(ComponentSpec.of("ivf-pq", "lists", 256, "probes", 4, "m", 8, "rerank", 16, "seed", 42L),
                ComponentChoices.index("ivf:pq:256:4:8").spec());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> ComponentChoices.index("ivf:pq:256:4:0"));
        assertTrue(m.getMessage().startsWith("'ivf:pq:256:4:0': ") && m.getMessage().contains("m (bytes per code)"),
                m.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ComponentChoices.index("ivf:pq:256:4:8:16:1"));
    }

    @Test
    void theLshForestAndTheGraphTakeTheirSearchParameters() {
        assertEquals(LshForest.builder().build().spec(), ComponentChoices.index("lsh").spec());
        assertEquals(LshForest.builder().trees(3).candidates(7).build().spec(), ComponentChoices.index("lsh:3:7").spec());
        assertEquals(NeighborGraph.builder().build().spec(), ComponentChoices.index("graph").spec());
        assertEquals(NeighborGraph.builder().searchBeam(20).build().spec(), ComponentChoices.index("graph:20").spec());
    }

    @Test
    void theHelpListsEveryRegisteredIndexShorthand() {
        List<String> usages = new ArrayList<>();
        new ComponentChoices.IndexChoices().forEach(usages::add);
        assertEquals(List.of("exact", "exact:binary[:RERANK]", "exact:int8[:RERANK]", "graph[:SEARCH-BEAM]", "ivf[:LISTS[:PROBES]]",
                "ivf:pq[:LISTS[:PROBES[:M[:RERANK]]]]", "lsh[:TREES[:CANDIDATES]]"), usages);
    }
}
