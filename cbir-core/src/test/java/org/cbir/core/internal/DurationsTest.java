package org.cbir.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void eachRangeReadsInItsOwnUnit() {
        assertEquals("0 ms", Durations.humane(Duration.ZERO));
        assertEquals("444 ms", Durations.humane(Duration.ofNanos(444_900_000)));
        assertEquals("9.44 s", Durations.humane(Duration.ofMillis(9_440)));
        assertEquals("59.99 s", Durations.humane(Duration.ofMillis(59_990)));
        assertEquals("2 min 5 s", Durations.humane(Duration.ofSeconds(125)));
        assertEquals("3 h 12 min", Durations.humane(Duration.ofSeconds(3 * 3600 + 12 * 60 + 59)));
    }

    @Test
    void aNegativeDurationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Durations.humane(Duration.ofMillis(-1)));
    }
}
