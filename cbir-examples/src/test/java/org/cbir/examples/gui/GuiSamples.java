package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared pyCBIR samples are (system property {@code cbir.samples}); skips a test when absent. */
final class GuiSamples {
    private GuiSamples() {
    }

    /** The shared GISAXS collection (database/ and query/), or a skipped test. */
    static Path gisaxs() {
        Path root = Path.of(System.getProperty("cbir.samples", "../../shared/data/pycbir-samples"));
        Path gisaxs = root.resolve("gisaxs").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(gisaxs.resolve("database")) && Files.isDirectory(gisaxs.resolve("query")),
                "the shared GISAXS samples are not at " + gisaxs.toAbsolutePath());
        return gisaxs;
    }
}
