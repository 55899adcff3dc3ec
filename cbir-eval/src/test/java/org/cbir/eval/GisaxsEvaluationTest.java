package org.cbir.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.eval.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Evaluates the 2,000 GISAXS sample patterns (four classes of 500) with first-order statistics
 * and a 32-bin histogram under cosine distance, and compares MAP, k-accuracy, precision@10 and
 * recall@100 per class with {@code tools/evaluation_reference.py}, which ranks with numpy. The
 * reports are written to {@code target/evaluation/} for reading.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GisaxsEvaluationTest {
    /**
     * The reference computes distances in another summation order, so two images at nearly equal
     * distance (within about 1e-16) may swap: allow each measure to move by a few queries' worth.
     */
    private static final double TOLERANCE = 2e-3;
    private static final Path OUTPUT = Path.of("target", "evaluation");

    private ImageCollection database;
    private List<String[]> reference;
    private EvaluationReport leaveOneOut;

    /** Decodes the patterns once for all tests, and runs the default evaluation. */
    @BeforeAll
    void load() throws IOException {
        List<ImageEntry> decoded = new ArrayList<>();
        for (ImageEntry e : ImageCollection.fromFolder(Samples.gisaxs().resolve("database"))) {
            decoded.add(new ImageEntry.InMemory(e.name(), e.label(), e.load()));
        }
        database = ImageCollection.of(decoded);
        reference = readReference();
        Files.createDirectories(OUTPUT);
        leaveOneOut = evaluation().build().run(database);
    }

    private static RetrievalPipeline.Builder pipeline() {
        return RetrievalPipeline.builder().extractor(FeatureExtractor.firstOrderStatistics(32));
    }

    private static Evaluation.Builder evaluation() {
        return Evaluation.builder().pipeline(pipeline()).seed(42);
    }

    @Test
    void leaveOneOutMatchesTheNumpyReference() throws IOException {
        EvaluationReport report = leaveOneOut;
        assertEquals(new EvaluationCounts(2000, 0, 2000, 0, 2000, 0), report.counts());
        compare(report, "exclude-self");
        report.writeMarkdown(OUTPUT.resolve("gisaxs-first-order-cosine.md"));
        report.writeCsv(OUTPUT.resolve("gisaxs-first-order-cosine"));
    }

    @Test
    void referenceVariantMatchesTheNumpyReference() throws IOException {
        RetrievalPipeline indexed = pipeline().build();
        indexed.addAll(database);
        EvaluationReport report = evaluation().includeSelf(true).tiesCountAsCorrect(true).build().runIndexed(indexed);
        assertEquals(new EvaluationCounts(2000, 0, 2000, 0, 2000, 0), report.counts());
        compare(report, "include-self");
        report.writeMarkdown(OUTPUT.resolve("gisaxs-first-order-cosine-include-self.md"));
    }

    @Test
    void fittingPartLeavesAStratifiedNinetyPercentWithSimilarScores() throws IOException {
        EvaluationReport full = leaveOneOut;
        EvaluationReport report = evaluation().fitFraction(0.1).build().run(database);
        assertEquals(new EvaluationCounts(2000, 200, 1800, 0, 1800, 0), report.counts());
        for (ClassScores c : report.classes()) {
            assertEquals(450, c.queries(), c.label());
            assertEquals(449, c.relevant(), c.label());
            // a random tenth fewer images barely changes a class's rankings
            assertEquals(full.scoresOf(c.label()).averagePrecision(), c.averagePrecision(), 0.02, c.label());
        }
        report.writeMarkdown(OUTPUT.resolve("gisaxs-first-order-cosine-fit-0.1.md"));
    }

    private void compare(EvaluationReport report, String variant) {
        List<Cutoff> cutoffs = EvaluationSettings.PAPER_CUTOFFS;
        for (String[] row : reference) {
            if (!row[0].equals(variant)) {
                continue;
            }
            String label = row[1];
            String what = variant + " " + label;
            if (label.equals("all")) {
                assertEquals(Integer.parseInt(row[2]), report.counts().queries(), what);
                assertEquals(Double.parseDouble(row[4]), report.map(), TOLERANCE, what + " MAP");
                for (int k = 0; k < cutoffs.size(); k++) {
                    assertEquals(Double.parseDouble(row[5 + k]), report.kAccuracy(cutoffs.get(k)), TOLERANCE,
                            what + " k=" + cutoffs.get(k));
                }
                assertEquals(Double.parseDouble(row[10]), report.curves().precision(10), TOLERANCE, what + " P@10");
                assertEquals(Double.parseDouble(row[11]), report.curves().recall(100), TOLERANCE, what + " R@100");
                continue;
            }
            ClassScores scores = report.scoresOf(label);
            assertEquals(Integer.parseInt(row[2]), scores.queries(), what);
            assertEquals(Integer.parseInt(row[3]), scores.relevant(), what);
            assertEquals(Double.parseDouble(row[4]), scores.averagePrecision(), TOLERANCE, what + " MAP");
            for (int k = 0; k < cutoffs.size(); k++) {
                assertEquals(Double.parseDouble(row[5 + k]), scores.kAccuracy().get(k), TOLERANCE,
                        what + " k=" + cutoffs.get(k));
            }
            assertEquals(Double.parseDouble(row[10]), report.curves().precision(label, 10), TOLERANCE, what + " P@10");
            assertEquals(Double.parseDouble(row[11]), report.curves().recall(label, 100), TOLERANCE, what + " R@100");
        }
    }

    private List<String[]> readReference() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/reference/gisaxs-first-order-cosine-evaluation.csv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows.add(line.split(",", -1));
            }
        }
        assertEquals(10, rows.size());
        assertTrue(rows.stream().anyMatch(r -> r[1].equals("all")));
        return rows;
    }
}
