package org.cbir.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.cbir.core.internal.io.AtomicOutput;

/** Text output shared by the report writers: atomic file replacement and number formats. */
final class ReportFiles {
    private ReportFiles() {
    }

    /** Writes {@code text} to a temporary sibling of {@code file}, then renames it over {@code file}. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        AtomicOutput.writeString(target, text);
    }

    /** A score with 4 decimals for tables, {@code n/a} for NaN. */
    static String short4(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A score with full precision for CSV (shortest round-trip decimal), empty for NaN. */
    static String exact(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }
}
