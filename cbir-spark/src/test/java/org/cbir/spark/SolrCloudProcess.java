package org.cbir.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A SolrCloud of a few nodes with an embedded ZooKeeper, running in a child JVM on cbir-solr's test
 * class path ({@code org.cbir.solr.LocalSolrCloudProcess}), so that Solr's server jars (Jetty,
 * Jersey, Lucene, ZooKeeper's server) never share a class path with Spark's; this JVM reaches it
 * only through SolrJ, over HTTP and ZooKeeper, as an executor reaches a production cluster. The
 * class path comes from {@code cbir-solr/target} (system property {@code cbir.solr.module}, set by
 * the build), which the reactor writes before this module's tests. The child's output goes to
 * {@code DIRECTORY/solr.log}; closing ends its standard input, which stops it, and removes the
 * directory.
 */
final class SolrCloudProcess implements AutoCloseable {
    private static final String MAIN = "org.cbir.solr.LocalSolrCloudProcess";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path directory;
    private final Process process;
    private final String zkHost;

    private SolrCloudProcess(Path directory, Process process, String zkHost) {
        this.directory = directory;
        this.process = process;
        this.zkHost = zkHost;
    }

    /** Starts {@code nodes} nodes under a new directory in {@code target/solr-clusters/} and waits until they are up. */
    static SolrCloudProcess start(String name, int nodes) throws IOException, InterruptedException {
        Path module = Path.of(System.getProperty("cbir.solr.module", "../cbir-solr/target")).toAbsolutePath().normalize();
        Path classPathFile = module.resolve("solr-cluster.classpath");
        if (!Files.isRegularFile(classPathFile) || !Files.isDirectory(module.resolve("test-classes"))) {
            throw new IllegalStateException(classPathFile + " or " + module.resolve("test-classes") + " is missing:"
                    + " build cbir-solr's tests first (./mvnw -pl cbir-spark -am verify)");
        }
        List<String> classPath = new ArrayList<>();
        classPath.add(module.resolve("test-classes").toString());
        classPath.add(module.resolve("classes").toString());
        classPath.add(Files.readString(classPathFile, StandardCharsets.UTF_8).strip());

        Path root = Files.createDirectories(Path.of("target", "solr-clusters")).toAbsolutePath();
        Path directory = Files.createTempDirectory(root, name + "-");
        // an argument file: the class path (about 150 jars) exceeds what some shells and systems take
        Path arguments = directory.resolve("java.args");
        Files.write(arguments, List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider",
                "-Djava.util.logging.config.file=" + module.resolve("test-classes/logging.properties"),
                "-cp", quoted(String.join(java.io.File.pathSeparator, classPath)),
                MAIN, quoted(directory.resolve("cloud").toString()), String.valueOf(nodes)), StandardCharsets.UTF_8);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = directory.resolve("solr.log");
        Process process = new ProcessBuilder(java.toString(), "@" + arguments).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Path zkHostFile = directory.resolve("cloud").resolve("zk-host");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(zkHostFile)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("the child JVM's SolrCloud under " + directory + " did not start"
                        + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")") + "; its log ends:\n"
                        + tail(log));
            }
            Thread.sleep(100);
        }
        return new SolrCloudProcess(directory, process, Files.readString(zkHostFile, StandardCharsets.UTF_8).strip());
    }

    /** The cluster's ZooKeeper address ({@code 127.0.0.1:PORT/solr}). */
    String zkHost() {
        return zkHost;
    }

    /** What the child JVM wrote, for a failing assertion's message. */
    String log() {
        return tail(directory.resolve("solr.log"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String quoted(String argument) {
        return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
