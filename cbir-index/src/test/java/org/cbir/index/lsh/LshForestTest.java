package org.cbir.index.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The builder's defaults and validation, and the spec. */
class LshForestTest {

    @Test
    void defaultsAndSpec() {
        LshForest forest = LshForest.builder().build();
        assertEquals(ComponentSpec.of("lsh-forest", "trees", 10, "candidates", 50, "min-hash-match", 4,
                "hash-bits", 32, "seed", 42), forest.spec());
        LshForest custom = LshForest.builder().trees(3).candidates(7).minHashMatch(0).hashBits(64).seed(-5).build();
        assertEquals(custom, LshForest.fromSpec(custom.spec()));
        assertEquals(custom.spec(), custom.create(4, org.cbir.core.Similarity.cosine()).spec());
    }

    @Test
    void buildRefusesOutOfRangeParameters() {
        assertMessage(() -> LshForest.builder().trees(0).build(), "tree");
        assertMessage(() -> LshForest.builder().candidates(0).build(), "candidates");
        assertMessage(() -> LshForest.builder().hashBits(65).build(), "hashBits");
        assertMessage(() -> LshForest.builder().hashBits(0).build(), "hashBits");
        assertMessage(() -> LshForest.builder().hashBits(8).minHashMatch(9).build(), "minHashMatch");
        assertMessage(() -> LshForest.builder().minHashMatch(-1).build(), "minHashMatch");
        assertMessage(() -> LshForest.fromSpec(ComponentSpec.of("lsh-forest", "trees", 2, "candidates", 3,
                "min-hash-match", 1, "hash-bits", 8, "seed", "x")), "seed");
    }

    private static void assertMessage(Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
