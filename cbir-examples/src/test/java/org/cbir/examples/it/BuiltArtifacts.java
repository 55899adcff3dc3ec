package org.cbir.examples.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the integration tests run against: the jars of the build (the runtime class path of
 * cbir-examples, as dependency:build-classpath wrote it after {@code package}), the project root,
 * the distribution folder; and a way to run a JVM or a launcher as a user would.
 */
final class BuiltArtifacts {
    private BuiltArtifacts() {
    }

    static Path root() {
        return Path.of(require("cbir.it.root")).toAbsolutePath().normalize();
    }

    static Path distribution() {
        return Path.of(require("cbir.it.distribution"));
    }

    static Path applicationJar() {
        return Path.of(require("cbir.it.jar"));
    }

    /** The runtime class path of cbir-examples: the cbir jars and every dependency. */
    static List<Path> classPath() throws IOException {
        String text = Files.readString(Path.of(require("cbir.it.classpath")), StandardCharsets.UTF_8).strip();
        return Arrays.stream(text.split(File.pathSeparator)).map(Path::of).toList();
    }

    /** The jar of a dependency whose file name starts with {@code prefix}, e.g. {@code "cbir-core-"}. */
    static Path jar(String prefix) throws IOException {
        Optional<Path> jar = classPath().stream()
                .filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".jar"))
                .findFirst();
        return jar.orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar on the class path"));
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The outcome of a process: its exit code, standard output and standard error. */
    record Outcome(int exitCode, String out, String err) {
    }

    /** Runs {@code command} in {@code directory}, waiting at most {@code seconds}. */
    static Outcome run(List<String> command, Path directory, long seconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cbir-it", ".out");
        Path err = Files.createTempFile("cbir-it", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = builder.start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " ran over " + seconds + " s; stderr: " + Files.readString(err));
            }
            return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String require(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: run the *IT tests with"
                    + " ./mvnw verify (failsafe sets it)");
        }
        return value;
    }
}
