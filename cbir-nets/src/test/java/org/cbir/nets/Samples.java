package org.cbir.nets;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared pyCBIR sample collections are (system property {@code cbir.samples}, set by Surefire). */
public final class Samples {
    private Samples() {
    }

    /** The GISAXS database folder (classes as sub-folders); skips the calling test when absent. */
    public static Path gisaxsDatabase() {
        return database("gisaxs");
    }

    /** The fibre patches' database folder (classes as sub-folders); skips the calling test when absent. */
    public static Path fibresDatabase() {
        return database("fibers_small");
    }

    private static Path database(String collection) {
        String configured = System.getProperty("cbir.samples");
        Path root = configured != null ? Path.of(configured) : Path.of("../../shared/data/pycbir-samples");
        Path database = root.resolve(collection).resolve("database");
        assumeTrue(Files.isDirectory(database), "sample collections not found at " + root.toAbsolutePath());
        return database.toAbsolutePath().normalize();
    }
}
