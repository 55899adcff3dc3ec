package org.cbir.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Images;
import org.cbir.features.TextureDescriptors;
import org.cbir.spark.TestCollections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cluster runs: {@code spark-submit --master local[2] --class CbirSparkCommand JOB.jar
 * extract file:///...}. {@code spark-submit} is a launcher script around
 * {@code org.apache.spark.deploy.SparkSubmit}; this test starts that class in a child JVM with
 * Spark's jars (from the test class path) and, as the application, a jar of cbir-spark's classes
 * alone, so the job's classes come through SparkSubmit's own class loader as on a cluster. The
 * input is a {@code file://} URI, the form of a Hadoop path; the table it writes must hold for
 * every readable image the signature one machine computes, and the corrupt image is skipped.
 */
class SparkSubmitTest {
    /** Spark's module openings (JavaModuleOptions), which the spark-submit script passes to the driver. */
    private static final List<String> OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io",
            "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
            "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar");

    @TempDir
    Path folder;

    @Test
    void sparkSubmitRunsExtractOnAFileUri() throws Exception {
        Path database = TestCollections.gisaxsSubset(folder, 4, true);
        Path classes = Path.of(CbirSparkCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path job = jar(classes, folder.resolve("cbir-spark-job.jar"));
        Path table = folder.resolve("lbp-table");
        String input = database.toUri().toString();
        assertTrue(input.startsWith("file:///"), input);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "--add-modules=jdk.incubator.vector", "-cp", classPathWithout(classes)));
        OPENS.forEach(p -> command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
        command.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--class", CbirSparkCommand.class.getName(), job.toString(),
                "extract", input, "--out", table.toString(), "--extractor", "lbp"));
        Path log = folder.resolve("spark-submit.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, "spark-submit did not finish in 120 s:\n" + output);
        assertEquals(0, process.exitValue(), output);
        Path corrupt = database.resolve("bcc").resolve(TestCollections.CORRUPT);
        assertTrue(output.contains("skipped " + corrupt), output);
        assertTrue(output.contains("extracted 16 images (1 skipped)"), output);

        Map<String, float[]> extracted = read(table);
        assertEquals(16, extracted.size());
        FeatureExtractor lbp = TextureDescriptors.lbp();
        try (Stream<Path> files = Files.walk(database)) {
            for (Path image : files.filter(Files::isRegularFile).filter(p -> !p.equals(corrupt)).toList()) {
                float[] signature = extracted.get(image.toString());
                assertTrue(signature != null, image + " is not in the table: " + extracted.keySet());
                assertArrayEquals(lbp.extract(Images.read(image)), signature, image.toString());
            }
        }
    }

    /**
     * The path and vector of every row of the table's Parquet files, read with parquet-hadoop
     * directly (Spark writes a float array as the standard three-level list), so that this JVM
     * needs no Spark session of its own.
     */
    private static Map<String, float[]> read(Path table) throws IOException {
        Map<String, float[]> rows = new HashMap<>();
        List<Path> parts;
        try (Stream<Path> list = Files.list(table)) {
            parts = list.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
        assertTrue(!parts.isEmpty(), "no Parquet file in " + table);
        for (Path part : parts) {
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                    new org.apache.hadoop.fs.Path(part.toUri())).build()) {
                for (Group row = reader.read(); row != null; row = reader.read()) {
                    Group list = row.getGroup("vector", 0);
                    float[] vector = new float[list.getFieldRepetitionCount("list")];
                    for (int i = 0; i < vector.length; i++) {
                        vector[i] = list.getGroup("list", i).getFloat("element", 0);
                    }
                    rows.put(row.getString("path", 0), vector);
                }
            }
        }
        return rows;
    }

    /** The test's class path without cbir-spark's own classes, which come in the job jar. */
    private static String classPathWithout(Path classes) {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().normalize().equals(classes.toAbsolutePath().normalize())) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    /** A jar of the files under {@code classes}, as the job jar of {@code mvn package} holds them. */
    private static Path jar(Path classes, Path target) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(path).toString().replace(File.separatorChar, '/')));
                Files.copy(path, jar);
                jar.closeEntry();
            }
        }
        return target;
    }
}
