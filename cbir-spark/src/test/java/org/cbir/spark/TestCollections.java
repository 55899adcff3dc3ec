package org.cbir.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared pyCBIR samples (system property {@code cbir.samples}) and small collections made of them. */
public final class TestCollections {
    /** The name of the corrupt image that {@link #gisaxsSubset} adds to its first class. */
    public static final String CORRUPT = "zz-corrupt.png";

    private TestCollections() {
    }

    /** The shared GISAXS collection (database/ and query/), or a skipped test. */
    public static Path gisaxs() {
        Path root = Path.of(System.getProperty("cbir.samples", "../../shared/data/pycbir-samples"));
        Path gisaxs = root.resolve("gisaxs").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(gisaxs.resolve("database")) && Files.isDirectory(gisaxs.resolve("query")),
                "the shared GISAXS samples are not at " + gisaxs);
        return gisaxs;
    }

    /**
     * The first {@code perClass} images (by name) of each GISAXS class, copied under
     * {@code folder/database}, plus, when {@code withCorrupt}, a truncated PNG in the first class.
     */
    public static Path gisaxsSubset(Path folder, int perClass, boolean withCorrupt) throws IOException {
        Path database = gisaxs().resolve("database");
        Path target = folder.resolve("database");
        List<Path> classes;
        try (Stream<Path> list = Files.list(database)) {
            classes = list.filter(Files::isDirectory).sorted().toList();
        }
        for (Path label : classes) {
            Path copy = Files.createDirectories(target.resolve(label.getFileName().toString()));
            List<Path> images;
            try (Stream<Path> list = Files.list(label)) {
                images = list.sorted().limit(perClass).toList();
            }
            for (Path image : images) {
                Files.copy(image, copy.resolve(image.getFileName().toString()));
            }
            if (withCorrupt && label.equals(classes.get(0))) {
                byte[] bytes = Files.readAllBytes(images.get(0));
                Files.write(copy.resolve(CORRUPT), java.util.Arrays.copyOf(bytes, bytes.length / 3));
            }
        }
        return target;
    }
}
