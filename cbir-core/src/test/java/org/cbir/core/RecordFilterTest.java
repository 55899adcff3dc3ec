package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordFilterTest {
    private static final ImageRecord BCC_RUN_42 = new ImageRecord(7, "a.png", "bcc", Map.of("run", "42", "sample", "s1"));

    @Test
    void labelAndMetadataConditionsMustAllHold() {
        assertTrue(RecordFilter.label("bcc").test(BCC_RUN_42));
        assertTrue(RecordFilter.parse("run=42").test(BCC_RUN_42));
        assertTrue(RecordFilter.parseAll(List.of("label=bcc", "sample=s1")).test(BCC_RUN_42));
        assertFalse(RecordFilter.parseAll(List.of("label=bcc", "run=43")).test(BCC_RUN_42));
        assertFalse(RecordFilter.where("date", "2024").test(BCC_RUN_42), "a missing key never matches");
        assertFalse(RecordFilter.label("bcc").test(new ImageRecord(1, "b.png", null)));
        assertTrue(RecordFilter.ALL.test(new ImageRecord(1, "b.png", null)));
    }

    @Test
    void parseTakesTheValueAfterTheFirstEqualsSignAsIs() {
        assertEquals(Map.of("note", "a=b "), RecordFilter.parse("note=a=b ").conditions());
        assertEquals("label=bcc AND run=42", RecordFilter.label("bcc").and("run", "42").toString());
    }

    @Test
    void badFiltersAreRefusedWithTheirText() {
        IllegalArgumentException noEquals = assertThrows(IllegalArgumentException.class, () -> RecordFilter.parse("bcc"));
        assertTrue(noEquals.getMessage().contains("'bcc'"), noEquals.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordFilter.parse("=bcc"));
        assertThrows(IllegalArgumentException.class, () -> RecordFilter.parse("path=a.png"), "path is not metadata");
        assertThrows(IllegalArgumentException.class, () -> RecordFilter.parse("bad key=1"));
        IllegalArgumentException contradiction = assertThrows(IllegalArgumentException.class,
                () -> RecordFilter.parseAll(List.of("run=1", "run=2")));
        assertTrue(contradiction.getMessage().contains("run"), contradiction.getMessage());
    }

    @Test
    void metadataKeysAndValuesAreChecked() {
        assertEquals(List.of("a", "b"), List.copyOf(new ImageRecord(0, "p", null, Map.of("b", "2", "a", "1")).metadata().keySet()));
        assertThrows(IllegalArgumentException.class, () -> new ImageRecord(0, "p", null, Map.of("label", "x")));
        assertThrows(IllegalArgumentException.class, () -> new ImageRecord(0, "p", null, Map.of("9run", "x")));
        assertThrows(IllegalArgumentException.class, () -> new ImageRecord(0, "p", null, Map.of("run", "a\nb")));
    }
}
