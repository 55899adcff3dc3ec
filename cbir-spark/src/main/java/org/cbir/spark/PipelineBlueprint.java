package org.cbir.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.cbir.core.LoadOptions;
import org.cbir.core.RetrievalPipeline;

/**
 * A fitted pipeline without images, as bytes that travel to executors: the zipped directory that
 * {@link RetrievalPipeline#save} writes for its {@link RetrievalPipeline#emptyCopy()} (manifest
 * with every component's spec, a trained network's weights, a fitted reducer), so that any
 * extractor and reducer, CNNs included, is rebuilt on an executor by the same restore path as a
 * saved store, with the same checksums. Components themselves are not serializable; this is.
 *
 * <p>{@link #restore()} keeps one restored pipeline per blueprint per JVM (executors run many
 * tasks: a network is loaded once, not once per partition). Pipelines are thread-safe for
 * extraction and queries, so the tasks of one executor share it. Immutable and thread-safe.
 */
public final class PipelineBlueprint implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The file beside a signature table's Parquet files that holds its blueprint. */
    public static final String FILE_NAME = "_cbir-pipeline.zip";
    private static final Map<String, RetrievalPipeline> RESTORED = new ConcurrentHashMap<>();

    private final byte[] zipped;
    private final String id;

    private PipelineBlueprint(byte[] zipped) {
        this.zipped = zipped;
        this.id = sha256(zipped);
    }

    /** The blueprint of {@code pipeline}'s fitted parts (its images are left out). */
    public static PipelineBlueprint of(RetrievalPipeline pipeline) throws IOException {
        Path directory = Files.createTempDirectory("cbir-blueprint");
        try {
            Path store = directory.resolve("pipeline.cbir");
            pipeline.emptyCopy().save(store);
            return new PipelineBlueprint(zip(store));
        } finally {
            deleteTree(directory);
        }
    }

    /** A blueprint that {@link #write} wrote to {@code file} (any Hadoop file system). */
    public static PipelineBlueprint read(org.apache.hadoop.fs.Path file, Configuration hadoop) throws IOException {
        FileSystem fs = file.getFileSystem(hadoop);
        if (!fs.exists(file)) {
            throw new IOException(file + ": no cbir pipeline here (a signature table written by `cbir-spark extract`"
                    + " keeps its pipeline in " + FILE_NAME + ")");
        }
        try (InputStream in = fs.open(file)) {
            return new PipelineBlueprint(in.readAllBytes());
        }
    }

    /** Writes the blueprint to {@code file}, which must not exist. */
    public void write(org.apache.hadoop.fs.Path file, Configuration hadoop) throws IOException {
        try (FSDataOutputStream out = file.getFileSystem(hadoop).create(file, false)) {
            out.write(zipped);
        }
    }

    /** The SHA-256 of the zipped pipeline, in hex; tables record it to refuse another table's blueprint. */
    public String id() {
        return id;
    }

    /**
     * The pipeline, restored once per JVM (thread-safe, shared by the JVM's tasks; do not add
     * images to it: take an {@link RetrievalPipeline#emptyCopy()} for that).
     *
     * @throws UncheckedIOException if the pipeline cannot be restored (a component's module is
     *     missing from the class path, a file is corrupt)
     */
    public RetrievalPipeline restore() {
        return RESTORED.computeIfAbsent(id, ignored -> {
            try {
                return load();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore the cbir pipeline " + id, e);
            }
        });
    }

    private RetrievalPipeline load() throws IOException {
        Path directory = Files.createTempDirectory("cbir-blueprint");
        try {
            Path store = directory.resolve("pipeline.cbir");
            unzip(zipped, store);
            return RetrievalPipeline.load(store, LoadOptions.defaults().withThreads(1));
        } finally {
            deleteTree(directory);
        }
    }

    private static byte[] zip(Path root) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(root.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void unzip(byte[] zipped, Path root) throws IOException {
        Files.createDirectories(root);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipped))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path file = root.resolve(entry.getName()).normalize();
                if (!file.startsWith(root)) {
                    throw new IOException("pipeline blueprint entry outside its folder: " + entry.getName());
                }
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    zip.transferTo(out);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
