package org.cbir.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MAP, k-accuracy, curves and confusion on five images placed on a line, worked out by hand:
 *
 * <pre>
 * id  label  position
 * 0   A      0.00
 * 1   A      0.25
 * 2   B      0.25   (same place as 1: every distance to 1 and 2 ties, broken by id)
 * 3   B      0.50
 * 4   A      1.00
 * </pre>
 *
 * Leave-one-out rankings (distance, then id), N(A) = 2, N(B) = 1:
 * <pre>
 * q0 A: 1 A .25, 2 B .25, 3 B .5,  4 A 1    AP = (1/1 + 2/4) / 2 = 0.75
 * q1 A: 2 B 0,   0 A .25, 3 B .25, 4 A .75  AP = (1/2 + 2/4) / 2 = 0.5
 * q2 B: 1 A 0,   0 A .25, 3 B .25, 4 A .75  AP = (1/3) / 1     = 1/3
 * q3 B: 1 A .25, 2 B .25, 0 A .5,  4 A .5   AP = (1/2) / 1     = 0.5
 * q4 A: 3 B .5,  1 A .75, 2 B .75, 0 A 1    AP = (1/2 + 2/4) / 2 = 0.5
 * </pre>
 * With the query ranked too, N(A) = 3, N(B) = 2, and q2's self-match ties with image 1 at
 * distance 0 and comes second (higher id); the votes for k-accuracy stay those of the others:
 * <pre>
 * q0: 0 A, 1 A, 2 B, 3 B, 4 A   AP = (1 + 2/2 + 3/5) / 3
 * q1: 1 A, 2 B, 0 A, 3 B, 4 A   AP = (1 + 2/3 + 3/5) / 3
 * q2: 1 A, 2 B, 0 A, 3 B, 4 A   AP = (1/2 + 2/4) / 2
 * q3: 3 B, 1 A, 2 B, 0 A, 4 A   AP = (1 + 2/3) / 2
 * q4: 4 A, 3 B, 1 A, 2 B, 0 A   AP = (1 + 2/3 + 3/5) / 3
 * </pre>
 */
class EvaluationTest {
    private static final double EPS = 1e-12;
    private static final Cutoff K1 = Cutoff.of(1);
    private static final Cutoff K2 = Cutoff.of(2);
    private static final Cutoff K3 = Cutoff.of(3);
    private static final Cutoff OMEGA = Cutoff.classSize();

    private static ImageCollection line() {
        return ImageCollection.of(List.of(at("a0", "A", 0f), at("a1", "A", 0.25f), at("b2", "B", 0.25f),
                at("b3", "B", 0.5f), at("a4", "A", 1f)));
    }

    private static ImageEntry at(String name, String label, float position) {
        return new ImageEntry.InMemory(name, label, Image.grey(1, 1, new float[] {position}));
    }

    private static Evaluation.Builder evaluation() {
        return Evaluation.builder()
                .pipeline(RetrievalPipeline.builder().extractor(new LineComponents.FirstSample())
                        .similarity(new LineComponents.AbsoluteDifference()).threads(2))
                .cutoffs(K1, K2, K3, OMEGA)
                .threads(3);
    }

    @Test
    void leaveOneOutMatchesTheHandWorkedRankings() {
        EvaluationReport report = evaluation().build().run(line());
        double apA = (0.75 + 0.5 + 0.5) / 3;
        double apB = (1.0 / 3 + 0.5) / 2;
        assertEquals(apA, report.scoresOf("A").averagePrecision(), EPS);
        assertEquals(apB, report.scoresOf("B").averagePrecision(), EPS);
        assertEquals((0.75 + 0.5 + 1.0 / 3 + 0.5 + 0.5) / 5, report.map(), EPS);
        assertEquals(2, report.scoresOf("A").relevant());
        assertEquals(1, report.scoresOf("B").relevant());

        // top 1: q0 A (right); q1 B, q2 A, q3 A, q4 B (wrong)
        assertEquals(1.0 / 3, report.kAccuracy("A", K1), EPS);
        assertEquals(0.0, report.kAccuracy("B", K1), EPS);
        assertEquals(0.2, report.kAccuracy(K1), EPS);
        // top 2, ties to the first ranked: q0 {A,B} -> A right; q1 {B,A} -> B, q3 {A,B} -> A, q4 {B,A} -> B wrong
        assertEquals(1.0 / 3, report.kAccuracy("A", K2), EPS);
        assertEquals(0.0, report.kAccuracy("B", K2), EPS);
        // top 3: q0 ABB, q1 BAB, q2 AAB, q3 ABA, q4 BAB: all wrong
        assertEquals(0.0, report.kAccuracy(K3), EPS);
        // Ω = N: top 2 for A (q0 right), top 1 for B (both wrong)
        assertEquals(1.0 / 3, report.kAccuracy("A", OMEGA), EPS);
        assertEquals(0.0, report.kAccuracy("B", OMEGA), EPS);

        ConfusionMatrix top1 = report.confusion(K1);
        assertEquals(1, top1.count("A", "A"));
        assertEquals(2, top1.count("A", "B"));
        assertEquals(2, top1.count("B", "A"));
        assertEquals(0, top1.count("B", "B"));
        assertEquals(3, top1.rowTotal("A"));

        EvaluationCounts counts = report.counts();
        assertEquals(new EvaluationCounts(5, 0, 5, 0, 5, 0), counts);
    }

    @Test
    void precisionAndRecallCurvesMatchTheHandWorkedRankings() {
        PrecisionRecallCurves curves = evaluation().build().run(line()).curves();
        assertEquals(4, curves.length());
        // relevant at rank 1: only q0
        assertEquals(0.2, curves.precision(1), EPS);
        // top 2 holds 1, 1, 0, 1, 1 relevant images
        assertEquals(4.0 / 10, curves.precision(2), EPS);
        assertEquals((0.5 + 0.5 + 0 + 1 + 0.5) / 5, curves.recall(2), EPS);
        assertEquals(0.5, curves.recall("A", 2), EPS);
        assertEquals(0.5, curves.recall("B", 2), EPS);
        assertEquals(1.0 / 3, curves.precision("A", 1), EPS);
        // the whole ranking: every relevant image found
        assertEquals(8.0 / 20, curves.precision(4), EPS);
        assertEquals(1.0, curves.recall(4), EPS);
    }

    @Test
    void includingTheQueryReproducesTheReferenceVariantWithItsTies() {
        EvaluationReport report = evaluation().includeSelf(true).build().run(line());
        double q0 = (1 + 1 + 3.0 / 5) / 3;
        double q1 = (1 + 2.0 / 3 + 3.0 / 5) / 3;
        double q2 = (0.5 + 0.5) / 2;
        double q3 = (1 + 2.0 / 3) / 2;
        double q4 = (1 + 2.0 / 3 + 3.0 / 5) / 3;
        assertEquals((q0 + q1 + q4) / 3, report.scoresOf("A").averagePrecision(), EPS);
        assertEquals((q2 + q3) / 2, report.scoresOf("B").averagePrecision(), EPS);
        assertEquals((q0 + q1 + q2 + q3 + q4) / 5, report.map(), EPS);
        assertEquals(3, report.scoresOf("A").relevant());
        // every query but q2 finds itself at rank 1; q2's tie with image 1 puts itself at rank 2
        assertEquals(4.0 / 5, report.curves().precision(1), EPS);
        assertEquals(5, report.curves().length());
        // the query's own image never votes: the k-accuracy is the leave-one-out one
        EvaluationReport leaveOneOut = evaluation().build().run(line());
        assertEquals(leaveOneOut.classes().stream().map(ClassScores::kAccuracy).toList(),
                report.classes().stream().map(ClassScores::kAccuracy).toList());
    }

    @Test
    void lenientTiesCountATieForMostVotesAsCorrect() {
        EvaluationReport strict = evaluation().build().run(line());
        EvaluationReport lenient = evaluation().tiesCountAsCorrect(true).build().run(line());
        // top 2: q0, q1 and q4 (A) and q3 (B) hold one vote each for A and B
        assertEquals(1.0, lenient.kAccuracy("A", K2), EPS);
        assertEquals(0.5, lenient.kAccuracy("B", K2), EPS);
        assertEquals(strict.kAccuracy(K1), lenient.kAccuracy(K1), EPS);
        assertEquals(strict.map(), lenient.map(), EPS);
        // the confusion matrix always shows the best-ranked winner
        assertEquals(strict.confusion(K2).count("A", "B"), lenient.confusion(K2).count("A", "B"));
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        EvaluationReport one = evaluation().threads(1).build().run(line());
        EvaluationReport four = evaluation().threads(4).build().run(line());
        assertEquals(one.classes(), four.classes());
        assertEquals(one.map(), four.map());
        assertEquals(one.kAccuracy(), four.kAccuracy());
        for (int k = 1; k <= one.curves().length(); k++) {
            assertEquals(one.curves().precision(k), four.curves().precision(k));
        }
    }

    @Test
    void progressReachesEveryQuery() {
        List<long[]> seen = new CopyOnWriteArrayList<>();
        evaluation().progress((stage, done, total) -> {
            if (stage.equals("evaluating")) {
                seen.add(new long[] {done, total});
            }
        }).build().run(line());
        assertEquals(0, seen.get(0)[0]);
        assertTrue(seen.stream().anyMatch(p -> p[0] == 5 && p[1] == 5));
    }

    @Test
    void interruptingTheCallerCancelsTheRun() {
        Thread caller = Thread.currentThread();
        Evaluation interrupting = evaluation().progress((stage, done, total) -> {
            if (stage.equals("evaluating") && done == 0) {
                caller.interrupt();
            }
        }).build();
        try {
            assertThrows(CancellationException.class, () -> interrupting.run(line()));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void fittingPartIsNeitherQueriedNorRanked() {
        List<ImageEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(at("a" + i, "A", i / 32f));
            entries.add(at("b" + i, "B", 1 - i / 32f));
        }
        EvaluationReport report = evaluation().fitFraction(0.2).seed(7).build().run(ImageCollection.of(entries));
        assertEquals(new EvaluationCounts(20, 4, 16, 0, 16, 0), report.counts());
        assertEquals(7, report.scoresOf("A").relevant());
        assertEquals(15, report.curves().length());
        // the classes sit on separate halves of the line, so every ranking is perfect
        assertEquals(1.0, report.map(), EPS);
    }

    @Test
    void reportsAreWrittenAsMarkdownAndCsv(@TempDir Path dir) throws IOException {
        EvaluationReport report = evaluation().build().run(line());
        String md = report.toMarkdown();
        assertTrue(md.contains("| A | 3 | 2 | 0.5833 |"), md);
        assertTrue(md.contains("| class | k=1 | k=2 | k=3 | k=Ω |"), md);
        assertTrue(md.contains("| **all** | **0.2000** | **0.2000** | **0.0000** | **0.2000** |"), md);
        assertTrue(md.contains("absolute-difference"), md);

        List<Path> files = report.writeCsv(dir.resolve("csv"));
        assertEquals(List.of("configuration.csv", "map.csv", "k-accuracy.csv", "precision-recall.csv",
                "confusion-k_1.csv", "confusion-k_2.csv", "confusion-k_3.csv", "confusion-k_omega.csv"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        List<String> accuracy = Files.readAllLines(dir.resolve("csv/k-accuracy.csv"), StandardCharsets.UTF_8);
        assertEquals("class,k_1,k_2,k_3,k_omega", accuracy.get(0));
        assertEquals("B,0.0,0.0,0.0,0.0", accuracy.get(2));
        List<String> confusion = Files.readAllLines(dir.resolve("csv/confusion-k_1.csv"), StandardCharsets.UTF_8);
        assertEquals(List.of("true\\predicted,A,B", "A,1,2", "B,2,0"), confusion);
        assertEquals(5, Files.readAllLines(dir.resolve("csv/precision-recall.csv")).size());
        assertTrue(Files.readString(dir.resolve("csv/configuration.csv")).contains("\"extractor=first-sample"));
        report.writeMarkdown(dir.resolve("report.md"));
        assertEquals(md, Files.readString(dir.resolve("report.md")));
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        ImageCollection unlabelled = ImageCollection.of(List.of(at("a", "A", 0f), at("x", null, 1f)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluation().build().run(unlabelled));
        assertTrue(e.getMessage().contains("1 of 2 images have no label"), e.getMessage());
        ImageCollection single = ImageCollection.of(List.of(at("a", "A", 0f)));
        assertThrows(IllegalArgumentException.class, () -> evaluation().build().run(single));
        assertThrows(IllegalArgumentException.class, () -> evaluation().fitFraction(1).build());
        assertThrows(IllegalArgumentException.class, () -> evaluation().cutoffs(K1, K1).build());
        assertThrows(IllegalArgumentException.class, () -> evaluation().threads(0).build());
        IllegalStateException noPipeline = assertThrows(IllegalStateException.class,
                () -> Evaluation.builder().build().run(line()));
        assertTrue(noPipeline.getMessage().contains("pipeline(...)"), noPipeline.getMessage());
        RetrievalPipeline used = RetrievalPipeline.builder().extractor(new LineComponents.FirstSample()).build();
        used.add(Image.grey(1, 1, new float[] {0.5f}), "old", "A");
        IllegalStateException notEmpty = assertThrows(IllegalStateException.class,
                () -> Evaluation.builder().pipeline(() -> used).build().run(line()));
        assertTrue(notEmpty.getMessage().contains("empty pipeline"), notEmpty.getMessage());
    }

    @Test
    void runIndexedNeedsNoPipelineSupplierAndAgreesWithRun() {
        RetrievalPipeline filled = RetrievalPipeline.builder().extractor(new LineComponents.FirstSample())
                .similarity(new LineComponents.AbsoluteDifference()).build();
        filled.addAll(line());
        EvaluationReport indexed = Evaluation.builder().cutoffs(K1, K2, K3, OMEGA).build().runIndexed(filled);
        EvaluationReport run = evaluation().build().run(line());
        assertEquals(run.map(), indexed.map(), EPS);
        assertEquals(run.kAccuracy(), indexed.kAccuracy());
    }

    @Test
    void toStringIsOneShortLine() {
        String text = evaluation().build().run(line()).toString();
        double map = (0.75 + 0.5 + 1.0 / 3 + 0.5 + 0.5) / 5;
        assertTrue(text.startsWith(String.format(java.util.Locale.ROOT, "EvaluationReport[MAP %.3f, top-1 0.200, "
                + "2-accuracy ", map)), text);
        assertTrue(text.contains("5 queries, 2 classes, "), text);
        assertTrue(!text.contains("\n") && text.length() < 250, text);
    }

    @Test
    void orderedProgressDropsCountsThatArriveLate() {
        List<Long> seen = new ArrayList<>();
        OrderedProgress ordered = new OrderedProgress((stage, done, total) -> seen.add(done), "evaluating", 100);
        ordered.report(0);
        ordered.report(20);
        ordered.report(18);
        ordered.report(20);
        ordered.report(100);
        assertEquals(List.of(0L, 20L, 100L), seen);
    }

    @Test
    void progressOfManyThreadsNeverGoesBackwards() {
        List<ImageEntry> entries = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            entries.add(at("i" + i, i % 2 == 0 ? "A" : "B", i / 400f));
        }
        List<Long> seen = new CopyOnWriteArrayList<>();
        evaluation().threads(4).progress((stage, done, total) -> {
            if (stage.equals("evaluating")) {
                seen.add(done);
            }
        }).build().run(ImageCollection.of(entries));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "progress went from " + seen.get(i - 1) + " to " + seen.get(i));
        }
        assertEquals(400L, seen.get(seen.size() - 1));
    }
}
