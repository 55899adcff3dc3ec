package org.cbir.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cbir.cli.ComponentChoices;
import org.cbir.core.internal.reduce.MinMaxScaling;
import org.cbir.core.internal.reduce.ZScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Every metric runs on the histogram descriptor with the defaults; mismatches are explained. */
class HistogramMetricsCommandTest {
    private static final Path DATABASE = Path.of("..", "samples", "gisaxs", "database");
    private static final Pattern MAP = Pattern.compile("\\*\\*all\\*\\* \\| 180 \\| \\| \\*\\*([0-9.]+)\\*\\*");

    @ParameterizedTest
    @ValueSource(strings = {"euclidean", "city-block", "chebyshev", "cosine", "pearson", "chi-square",
        "kullback-leibler", "jeffrey", "kolmogorov-smirnov", "cramer-von-mises", "earth-movers"})
    void everyMetricEvaluatesTheHistogramDescriptorWithTheDefaults(String metric, @TempDir Path dir) {
        CliRun run = CliRun.of("evaluate", DATABASE.toString(), "--extractor", "histogram", "--metric", metric,
                "--sheet-queries", "0", "--out", dir.resolve("eval").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(dir.resolve("eval").resolve("report.md")));
        Matcher map = MAP.matcher(run.out());
        assertTrue(map.find(), run.out());
        // four balanced classes: a ranking by chance has a MAP near 0.25
        assertTrue(Double.parseDouble(map.group(1)) > 0.3, run.out());
    }

    @Test
    void autoScalesToTheUnitRangeForHistogramMetricsAndStandardisesForTheOthers() {
        assertTrue(ComponentChoices.reducer("auto", "histogram", "chi-square") instanceof MinMaxScaling);
        assertTrue(ComponentChoices.reducer("auto", "glcm", "earth-movers") instanceof MinMaxScaling);
        assertTrue(ComponentChoices.reducer("auto", "histogram", "cosine") instanceof ZScore);
        assertEquals(null, ComponentChoices.reducer("auto", "intensity-histogram:16", "chi-square"));
        assertEquals(null, ComponentChoices.reducer("auto", "lbp", "jeffrey"));
    }

    @Test
    void theIntensityHistogramAloneRunsAHistogramMetricWithoutReduction(@TempDir Path dir) {
        CliRun run = CliRun.of("evaluate", DATABASE.toString(), "--extractor", "intensity-histogram:16",
                "--metric", "kullback-leibler", "--reducer", "none", "--sheet-queries", "0",
                "--out", dir.resolve("eval").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("extractor=intensity-histogram(bins=16)"), run.out());
    }

    @Test
    void aSignedSignatureForAHistogramMetricIsRefusedSayingWhatFits(@TempDir Path dir) {
        for (String reducer : new String[] {"zscore", "none", "pca:4"}) {
            CliRun run = CliRun.of("evaluate", DATABASE.toString(), "--extractor", "histogram", "--metric", "chi-square",
                    "--reducer", reducer, "--out", dir.resolve(reducer.replace(':', '-')).toString());
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(run.err().contains("chi-square") && run.err().contains("min-max")
                    && run.err().contains("intensity-histogram, lbp, hog, daisy"), run.err());
        }
    }

    @Test
    void helpPrintsNoFormattingWarning() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String usage;
        try (PrintStream err = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(err);
            usage = new CommandLine(new DemoCommand()).getUsageMessage();
        } finally {
            System.setErr(original);
        }
        assertFalse(captured.toString(StandardCharsets.UTF_8).contains("Could not format"), captured.toString());
        assertTrue(usage.contains("Train a LeNet on 10% of the bundled GISAXS samples, index the other 90%,"), usage);
    }
}
