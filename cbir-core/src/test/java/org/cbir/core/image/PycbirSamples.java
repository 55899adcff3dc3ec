package org.cbir.core.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared pyCBIR sample collections are: the system property {@code cbir.samples}
 * (set by Surefire), else {@code ../../shared/data/pycbir-samples} from the module folder.
 */
public final class PycbirSamples {
    private PycbirSamples() {
    }

    /** The samples root; skips the calling test (assumption) when the folder is absent. */
    public static Path root() {
        String configured = System.getProperty("cbir.samples");
        Path root = configured != null ? Path.of(configured) : Path.of("../../shared/data/pycbir-samples");
        assumeTrue(Files.isDirectory(root), "pycbir sample collections not found at " + root.toAbsolutePath());
        return root.toAbsolutePath().normalize();
    }
}
