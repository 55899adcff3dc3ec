package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComponentSpecTypedTest {

    enum Norm { L1, L2_HYS, NONE }

    @Test
    void typedValuesAreWrittenInTheDocumentedTextForms() {
        ComponentSpec spec = ComponentSpec.builder("x")
                .put("seed", 1L << 40)
                .put("whiten", true)
                .put("norm", Norm.L2_HYS)
                .put("sizes", new int[] {3, 5, 7})
                .put("sigmas", new double[] {0.5, 2})
                .put("parts", List.of(ComponentSpec.of("lbp", "points", 8), ComponentSpec.of("hog")))
                .build();
        assertEquals(Map.of("seed", "1099511627776", "whiten", "true", "norm", "l2-hys", "sizes", "3,5,7",
                "sigmas", "0.5,2.0", "parts", "lbp(points=8),hog"), spec.parameters());
    }

    @Test
    void typedGettersReadWhatTheBuilderWrote() {
        ComponentSpec spec = ComponentSpec.of("x", "seed", -5_000_000_000L, "on", false, "norm", Norm.NONE,
                "sizes", List.of(1, 2), "inner", ComponentSpec.of("hog", "cells", 4, "norm", Norm.L1));
        assertEquals(-5_000_000_000L, spec.requireLong("seed"));
        assertFalse(spec.requireBoolean("on"));
        assertEquals(Norm.NONE, spec.requireEnum("norm", Norm.class));
        assertArrayEquals(new int[] {1, 2}, spec.requireInts("sizes"));
        ComponentSpec inner = spec.requireSpec("inner");
        assertEquals("hog", inner.type());
        assertEquals(4, inner.requireInt("cells"));
        assertEquals(Norm.L1, inner.requireEnum("norm", Norm.class));
        assertEquals(Optional.empty(), spec.optional("absent"));
    }

    @Test
    void nestedSpecsSurviveAListOfThemAndParseReadsToStringBack() {
        ComponentSpec a = ComponentSpec.of("fusion", "parts", "x", "weights", "1,2");
        ComponentSpec b = ComponentSpec.of("lbp", "points", 8, "radius", 1.5);
        ComponentSpec outer = ComponentSpec.of("outer", "parts", List.of(a, b));
        assertEquals(List.of(a, b), outer.requireSpecs("parts"));
        assertEquals(outer, ComponentSpec.parse(outer.toString()));
        assertEquals(ComponentSpec.of("cosine"), ComponentSpec.parse(" cosine "));
    }

    @Test
    void badValuesAreRefusedNamingParameterAndComponent() {
        ComponentSpec spec = ComponentSpec.of("glcm", "flag", "yes", "norm", "l3", "n", "1.5", "list", "1,x");
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class, () -> spec.requireBoolean("flag"));
        assertTrue(flag.getMessage().contains("'flag'") && flag.getMessage().contains("'glcm'"), flag.getMessage());
        IllegalArgumentException norm = assertThrows(IllegalArgumentException.class,
                () -> spec.requireEnum("norm", Norm.class));
        assertTrue(norm.getMessage().contains("l1, l2-hys, none"), norm.getMessage());
        assertThrows(IllegalArgumentException.class, () -> spec.requireLong("n"));
        assertThrows(IllegalArgumentException.class, () -> spec.requireInts("list"));
        assertThrows(IllegalArgumentException.class, () -> ComponentSpec.parse("a(b=1"));
        assertThrows(IllegalArgumentException.class, () -> ComponentSpec.parse("a(b)"));
        assertThrows(IllegalArgumentException.class, () -> ComponentSpec.parse("a(b=c))("));
    }
}
