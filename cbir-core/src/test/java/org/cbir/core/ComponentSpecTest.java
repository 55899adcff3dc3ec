package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentSpecTest {

    @Test
    void parametersAreSortedAndPrinted() {
        ComponentSpec spec = ComponentSpec.of("lbp", "radius", 2, "points", 16);
        assertEquals(List.of("points", "radius"), List.copyOf(spec.parameters().keySet()));
        assertEquals("lbp(points=16, radius=2)", spec.toString());
        assertEquals(16, spec.requireInt("points"));
        assertEquals(2.0, spec.requireDouble("radius"));
    }

    @Test
    void invalidNamesValuesAndMissingParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ComponentSpec.of("Has Space"));
        assertThrows(IllegalArgumentException.class, () -> new ComponentSpec("x", Map.of("a", "two\nlines")));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ComponentSpec.of("hog").require("cells"));
        assertTrue(missing.getMessage().contains("'cells'") && missing.getMessage().contains("'hog'"));
        IllegalArgumentException notInt = assertThrows(IllegalArgumentException.class,
                () -> ComponentSpec.of("hog", "cells", "many").requireInt("cells"));
        assertTrue(notInt.getMessage().contains("many"));
    }
}
