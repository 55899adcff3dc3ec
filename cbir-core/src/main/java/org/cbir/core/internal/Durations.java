package org.cbir.core.internal;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as people read them in logs and reports: {@code "840 ms"}, {@code "9.44 s"},
 * {@code "2 min 5 s"}, {@code "3 h 12 min"} (instead of {@link Duration#toString()}'s
 * {@code PT9.44S}). Stateless and thread-safe.
 */
public final class Durations {
    private Durations() {
    }

    /**
     * {@code duration} with the unit that suits it: milliseconds below a second, seconds with
     * two decimals below a minute, then minutes and seconds, then hours and minutes.
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public static String humane(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a negative duration: " + duration);
        }
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
        }
        long seconds = duration.toSeconds();
        if (seconds < 3_600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3_600 + " h " + seconds % 3_600 / 60 + " min";
    }
}
