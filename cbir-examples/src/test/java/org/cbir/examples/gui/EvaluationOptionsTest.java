package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationOptionsTest {

    @Test
    void aSweepParsesFromCommasOrBlanksAndPrintsBack() {
        assertEquals(List.of(1, 2, 4, 16), EvaluationOptions.parseSweep(" 1, 2 4,16 "));
        assertEquals(List.of(), EvaluationOptions.parseSweep("  "));
        EvaluationOptions options = new EvaluationOptions(0.2, 7, List.of(1, 8));
        assertEquals("1, 8", options.sweepText());
        assertEquals(options.pcaSweep(), EvaluationOptions.parseSweep(options.sweepText()));
    }

    @Test
    void badValuesAreRefusedNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EvaluationOptions.parseSweep("1, two"))
                .getMessage().contains("'two'"));
        assertThrows(IllegalArgumentException.class, () -> EvaluationOptions.parseSweep("0"));
        assertThrows(IllegalArgumentException.class, () -> new EvaluationOptions(1.0, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new EvaluationOptions(-0.1, 0, List.of()));
    }
}
