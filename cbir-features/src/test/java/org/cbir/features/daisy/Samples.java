package org.cbir.features.daisy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The shared pyCBIR sample collections, located as the project's tests locate them. */
final class Samples {
    private Samples() {
    }

    /** The samples folder; the calling test is skipped (not failed) when it is absent. */
    static Path root() {
        String configured = System.getProperty("cbir.samples");
        Path root = configured != null ? Path.of(configured) : Path.of("../../shared/data/pycbir-samples");
        Assumptions.assumeTrue(Files.isDirectory(root), "pyCBIR samples not found at " + root.toAbsolutePath());
        return root;
    }
}
