package org.cbir.eval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared pyCBIR sample collections are (system property {@code cbir.samples}, set by Surefire). */
public final class Samples {
    private Samples() {
    }

    /** The samples root; skips the calling test when the folder is absent. */
    public static Path root() {
        String configured = System.getProperty("cbir.samples");
        Path root = configured != null ? Path.of(configured) : Path.of("../../shared/data/pycbir-samples");
        assumeTrue(Files.isDirectory(root), "sample collections not found at " + root.toAbsolutePath());
        return root.toAbsolutePath().normalize();
    }

    public static Path gisaxs() {
        return root().resolve("gisaxs");
    }
}
