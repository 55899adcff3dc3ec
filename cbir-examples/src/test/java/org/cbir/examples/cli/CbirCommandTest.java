package org.cbir.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the command line in-process on the bundled samples (the module runs from cbir-examples/). */
class CbirCommandTest {
    private static final Path SAMPLES = Path.of("..", "samples", "gisaxs");

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void demoTrainsLeNetIndexesEvaluatesAndWritesItsFiles(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("demo");
        CliRun run = run("demo", "--samples", SAMPLES.toString(), "-k", "3", "--out", out.toString(), "--epochs", "15");
        assertEquals(0, run.exitCode(), run.err());
        // 10% of each class of 4 x 50 bundled images trains, the other 180 are indexed.
        assertTrue(run.out().contains("trained LeNet-5 on 20 images"), run.out());
        assertTrue(run.out().contains("indexed 180 images (4 classes, 0 skipped)"), run.out());
        Matcher map = Pattern.compile("MAP (\\d\\.\\d+), top-1 accuracy (\\d\\.\\d+)").matcher(run.out());
        assertTrue(map.find(), run.out());
        // Four classes: chance is a MAP near 0.25; a trained LeNet does far better even on 20 images.
        assertTrue(Double.parseDouble(map.group(1)) > 0.5, run.out());
        Matcher correct = Pattern.compile("predicted label correct for (\\d+) of 8 queries").matcher(run.out());
        assertTrue(correct.find(), run.out());
        assertTrue(Integer.parseInt(correct.group(1)) >= 5, run.out());
        for (String file : new String[] {"report.md", "result-sheet.png", "store/manifest.txt"}) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        assertTrue(Files.readString(out.resolve("report.md")).contains("MAP"));
    }

    @Test
    void searchSavesAStoreThatALaterSearchLoads(@TempDir Path dir) {
        Path store = dir.resolve("gisaxs.cbir");
        Path query = SAMPLES.resolve("query").resolve("fcc100")
                .resolve("fcc_100_Xs25_Ys25_Zs33_Na16_Nb16_Nc10__20160914_023015.png");
        CliRun indexed = run("search", "--database", SAMPLES.resolve("database").toString(), "--save", store.toString(),
                "-k", "1", query.toString());
        assertEquals(0, indexed.exitCode(), indexed.err());
        assertTrue(Files.isRegularFile(store.resolve("manifest.txt")));
        CliRun loaded = run("search", "--load", store.toString(), "-k", "1", query.toString());
        assertEquals(0, loaded.exitCode(), loaded.err());
        assertTrue(loaded.out().contains("loaded 200 images"), loaded.out());
        String best = "   1  0.00000       fcc100      fcc_100_Xs25_Ys25_Zs33_Na16_Nb16_Nc10__20160914_023015.png";
        assertTrue(indexed.out().contains(best), indexed.out());
        assertTrue(loaded.out().contains(best), loaded.out());
    }

    @Test
    void badInputGivesOneClearLineAndExitCodeOne(@TempDir Path dir) {
        CliRun run = run("search", "--database", dir.resolve("nowhere").toString(), "q.png");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("cbir: ") && run.err().contains("nowhere"), run.err());
        CliRun noDatabase = run("search", "q.png");
        assertEquals(1, noDatabase.exitCode());
        assertTrue(noDatabase.err().contains("--database"), noDatabase.err());
    }

    @Test
    void evaluateWritesTheReportTheSheetAndThePcaChart(@TempDir Path dir) {
        Path out = dir.resolve("eval");
        CliRun run = run("evaluate", SAMPLES.resolve("database").toString(), "--out", out.toString(),
                "--split", "0.2", "--pca-sweep", "1,2,8", "--sheet-queries", "3", "-k", "4");
        assertEquals(0, run.exitCode(), run.err());
        for (String file : new String[] {"report.md", "result-sheet.png", "map-vs-pca.png", "map-vs-pca.csv"}) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file + " in " + run.out());
        }
        assertTrue(run.out().contains("| 8 |"), run.out());
    }

    @Test
    void evaluateTakesTheCutoffsOfKAccuracy(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("eval");
        CliRun run = run("evaluate", SAMPLES.resolve("database").toString(), "--out", out.toString(),
                "--ks", "1,3,all", "--sheet-queries", "0");
        assertEquals(0, run.exitCode(), run.err());
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("k=3") || report.contains("k = 3") || report.contains("| 3 |"), report);
        assertTrue(!report.contains("k=20") && !report.contains("| 20 |"), report);
        CliRun bad = run("evaluate", SAMPLES.resolve("database").toString(), "--out", out.toString(), "--ks", "1,many");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("'many'"), bad.err());
    }

    @Test
    void unknownExtractorIsNamedWithTheChoices() {
        CliRun run = run("search", "--database", SAMPLES.resolve("database").toString(), "--extractor", "sift",
                SAMPLES.resolve("query").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("unknown extractor 'sift'") && run.err().contains("daisy"), run.err());
    }

    @Test
    void indexThenQueryWithJsonAndASheet(@TempDir Path dir) throws IOException {
        Path store = dir.resolve("fibers.cbir");
        Path fibers = Path.of("..", "samples", "fibers_small");
        CliRun indexed = run("index", fibers.resolve("database").toString(), "-o", store.toString(), "--extractor", "lbp",
                "--index", "lsh");
        assertEquals(0, indexed.exitCode(), indexed.err());
        assertTrue(indexed.out().contains("indexed 200 images (0 skipped)"), indexed.out());
        assertTrue(indexed.out().contains("index=lsh-forest"), indexed.out());
        Path sheet = dir.resolve("sheet.png");
        CliRun queried = run("query", store.toString(), fibers.resolve("query").toString(), "-k", "3", "--json",
                "--sheet", sheet.toString());
        assertEquals(0, queried.exitCode(), queried.err());
        String json = queried.out().strip();
        assertTrue(json.startsWith("[") && json.endsWith("]"), json);
        assertEquals(8, json.split("\"query\": ").length - 1, json);
        assertEquals(24, json.split("\"rank\": ").length - 1, json);
        assertTrue(json.contains("\"label\": \"yes_fibers\""), json);
        assertTrue(Files.size(sheet) > 0);
    }

    @Test
    void userErrorsAreOneLineWithoutAStackTraceUnlessVerbose(@TempDir Path dir) throws IOException {
        CliRun missingStore = run("query", dir.resolve("none.cbir").toString(), "q.png");
        assertEquals(1, missingStore.exitCode());
        assertEquals(1, missingStore.err().strip().lines().count(), missingStore.err());
        assertTrue(missingStore.err().contains("none.cbir"), missingStore.err());

        Path store = dir.resolve("s.cbir");
        assertEquals(0, run("index", SAMPLES.resolve("query").toString(), "-o", store.toString()).exitCode());
        Path notAnImage = Files.writeString(dir.resolve("notes.png"), "not an image");
        CliRun unreadable = run("query", store.toString(), notAnImage.toString());
        assertEquals(1, unreadable.exitCode());
        assertTrue(unreadable.err().startsWith("cbir: " + notAnImage), unreadable.err());
        assertEquals(1, unreadable.err().strip().lines().count(), unreadable.err());

        CliRun verbose = run("query", store.toString(), notAnImage.toString(), "--verbose");
        assertTrue(verbose.err().contains("at org.cbir"), verbose.err());

        CliRun badValue = run("index", SAMPLES.resolve("query").toString(), "-o", store.toString(), "--metric", "hamming");
        assertEquals(1, badValue.exitCode());
        assertTrue(badValue.err().contains("hamming"), badValue.err());
        CliRun badOption = run("index", "--no-such-option");
        assertEquals(2, badOption.exitCode());
    }

    @Test
    void evaluateTrainsALeNetOnTheSplitWhenTheExtractorIsLenet(@TempDir Path dir) throws IOException {
        CliRun run = run("evaluate", SAMPLES.resolve("database").toString(), "--out", dir.resolve("lenet").toString(),
                "--extractor", "lenet:16:rot", "--sheet-queries", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("extractor=lenet(architecture=lenet5, augmentation=rot,"), run.out());
        assertTrue(run.out().contains("height=16"), run.out());
        assertTrue(run.out().contains("20 for fitting, 180 evaluated"), run.out());
        // Ranking at random gives a MAP near 44/179 = 0.25 (44 other images of the query's class
        // among 179) and a top-1 accuracy near 0.25: the trained signature must do far better.
        Matcher map = Pattern.compile("\\*\\*all\\*\\* \\| 180 \\| \\| \\*\\*([0-9.]+)\\*\\*").matcher(run.out());
        assertTrue(map.find(), run.out());
        assertTrue(Double.parseDouble(map.group(1)) > 0.4, run.out());
        Matcher top1 = Pattern.compile("\\| \\*\\*all\\*\\* \\| \\*\\*([0-9.]+)\\*\\* \\|").matcher(run.out());
        assertTrue(top1.find(), run.out());
        assertTrue(Double.parseDouble(top1.group(1)) > 0.6, run.out());

        CliRun bad = run("evaluate", SAMPLES.resolve("database").toString(), "--out", dir.resolve("bad").toString(),
                "--extractor", "lenet:16:sideways");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("'lenet:16:sideways'") && bad.err().contains("not an augmentation"), bad.err());

        CliRun plain = run("evaluate", SAMPLES.resolve("database").toString(), "--out", dir.resolve("plain").toString(),
                "--extractor", "lenet:16", "--sheet-queries", "0", "--ks", "1");
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(plain.out().contains("extractor=lenet(architecture=lenet5, augmentation=none,"), plain.out());
    }
    @Test
    void evaluateAndTrainBuildTheCompactCnnFromItsChoices(@TempDir Path dir) throws IOException {
        CliRun run = run("evaluate", SAMPLES.resolve("database").toString(), "--out", dir.resolve("cnn").toString(),
                "--extractor", "cnn:16:flip", "--sheet-queries", "0", "--ks", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("extractor=cnn(augmentation=flip,"), run.out());
        assertTrue(run.out().contains("max-input=16,"), run.out());
        assertTrue(run.out().contains("input-width=16"), run.out());

        CliRun bad = run("evaluate", SAMPLES.resolve("database").toString(), "--out", dir.resolve("bad").toString(),
                "--extractor", "ssl:16:sideways");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("'ssl:16:sideways'") && bad.err().contains("'sideways'"), bad.err());

        Path store = dir.resolve("ssl.cbir");
        CliRun train = run("train", SAMPLES.resolve("database").toString(), "-o", store.toString(), "--net", "ssl:16",
                "--epochs", "2");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("trained ssl on 20 images (input 16x16x1"), train.out());
        assertTrue(train.out().contains("indexed 180 images"), train.out());
        CliRun query = run("query", store.toString(), SAMPLES.resolve("query").toString());
        assertEquals(0, query.exitCode(), query.err());

        CliRun wrongOption = run("train", SAMPLES.resolve("database").toString(), "-o", dir.resolve("x").toString(),
                "--net", "cnn", "--input-size", "32");
        assertEquals(1, wrongOption.exitCode());
        assertTrue(wrongOption.err().contains("--input-size does not apply to --net cnn"), wrongOption.err());
    }
}
