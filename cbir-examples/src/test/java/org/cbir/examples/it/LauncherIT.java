package org.cbir.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's launcher runs cbir with the Vector API and keeps JVector's notes out of stderr. */
class LauncherIT {
    private static final String SCALAR_WARNING = "scalar kernels";

    /** {@code cbir evaluate} of the bundled samples with HOG signatures in the given index. */
    private static List<String> evaluate(Path out, String index) {
        return List.of("evaluate", BuiltArtifacts.root().resolve("samples/gisaxs/database").toString(),
                "--extractor", "hog", "--index", index, "--sheet-queries", "0", "--out", out.toString());
    }

    @Test
    void theLauncherRunsWithTheVectorApiAndAQuietJVector(@TempDir Path dir) throws Exception {
        Path launcher = BuiltArtifacts.distribution().resolve("bin/cbir");
        assertTrue(Files.isExecutable(launcher), launcher + " is not executable");
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(evaluate(dir.resolve("eval"), "graph"));
        BuiltArtifacts.Outcome run = BuiltArtifacts.run(command, dir, 300);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("MAP"), run.out());
        List<String> exact = new java.util.ArrayList<>(List.of(launcher.toString()));
        exact.addAll(evaluate(dir.resolve("exact"), "exact"));
        BuiltArtifacts.Outcome exactRun = BuiltArtifacts.run(exact, dir, 300);
        assertEquals(0, exactRun.exitCode(), exactRun.err());
        assertFalse(exactRun.err().contains(SCALAR_WARNING), exactRun.err());
        assertFalse(run.err().contains(SCALAR_WARNING), run.err());
        assertFalse(run.err().contains("jvector") || run.err().contains("PhysicalCoreExecutor"), run.err());
    }

    @Test
    void withoutTheLauncherTheScalarWarningShows(@TempDir Path dir) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(BuiltArtifacts.javaCommand(), "-jar",
                BuiltArtifacts.applicationJar().toString()));
        command.addAll(evaluate(dir.resolve("eval"), "exact"));
        BuiltArtifacts.Outcome run = BuiltArtifacts.run(command, dir, 300);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains(SCALAR_WARNING), run.err());
    }

    @Test
    void theWindowsLauncherPassesTheSameFlags() throws IOException {
        Path bat = BuiltArtifacts.distribution().resolve("bin/cbir.bat");
        String text = Files.readString(bat);
        assertTrue(text.contains("--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"), text);
        assertTrue(text.contains("org.cbir.examples.cli.CbirCommand %*"), text);
        assertTrue(text.contains("\r\n"), "cbir.bat has Windows line endings");
        assertTrue(Files.isRegularFile(BuiltArtifacts.distribution().resolve("lib/cbir.jar")));
    }
}
