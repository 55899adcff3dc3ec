package org.cbir.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cbir.core.collection.ImageCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cbir label}, {@code cbir group} and {@code cbir duplicates} on the shared microCT fibre patches. */
class LabelCommandsTest {

    private static Path fibres() {
        Path root = Path.of(System.getProperty("cbir.samples", "../../shared/data/pycbir-samples"));
        assumeTrue(Files.isDirectory(root), "sample collections not found at " + root.toAbsolutePath());
        return root.resolve("fibers_small").resolve("database").toAbsolutePath().normalize();
    }

    @Test
    void labelHidesAndSuggestsLabelsAndMeasuresThem(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("label", fibres().toString(), "--keep-labels", "0.05", "--seed", "3", "-e", "histogram",
                "-o", out.toString(), "--sheet-rows", "4");
        assertEquals(0, run.exitCode(), run.err());
        ImageCollection back = ImageCollection.fromCsv(out.resolve("suggestions.csv"));
        assertEquals(2000, back.size());
        assertTrue(back.isLabeled());
        List<String> accuracy = Files.readAllLines(out.resolve("label-accuracy.csv"));
        assertEquals("kind,from,to,count,correct,accuracy,mean_confidence", accuracy.get(0));
        assertTrue(accuracy.get(1).startsWith("all,0.0000,1.0000,1900,"), accuracy.get(1)); // 50 of 1000 kept per class
        assertTrue(Files.readString(out.resolve("report.md")).contains("Accuracy of the 1900 suggestions"));
        assertTrue(Files.size(out.resolve("review-sheet.png")) > 0);
        // The same output folder may be written again; a foreign non-empty folder is refused.
        assertEquals(0, CliRun.of("label", fibres().toString(), "--keep-labels", "0.05", "-e", "histogram", "-o",
                out.toString(), "--sheet-rows", "0", "--json").exitCode());
        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        CliRun refused = CliRun.of("label", fibres().toString(), "--keep-labels", "0.05", "-o", foreign.toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("is not empty and is not an earlier output of `cbir label`"), refused.err());
        try (Stream<Path> files = Files.list(foreign)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void labelExplainsBadLabels(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("list.csv");
        List<Path> images;
        try (Stream<Path> s = Files.list(fibres().resolve("yes_fibers"))) {
            images = s.sorted().limit(4).toList();
        }
        Files.writeString(csv, images.get(0) + ",fibre\n" + images.get(1) + ",fibre\n" + images.get(2) + ",fibrr\n"
                + images.get(3) + "\n");
        CliRun single = CliRun.of("label", csv.toString(), "-o", dir.resolve("a").toString());
        assertEquals(1, single.exitCode());
        assertTrue(single.err().contains("the class 'fibrr' has a single labelled image"), single.err());
        Files.writeString(csv, images.get(0) + "\n" + images.get(1) + "\n");
        CliRun none = CliRun.of("label", csv.toString(), "-o", dir.resolve("b").toString());
        assertTrue(none.err().contains("none of the 2 images is labelled"), none.err());
        CliRun partial = CliRun.of("label", csv.toString(), "--keep-labels", "0.5", "-o", dir.resolve("c").toString());
        assertTrue(partial.err().contains("--keep-labels needs a fully labelled collection"), partial.err());
        assertTrue(Files.notExists(dir.resolve("a")) && Files.notExists(dir.resolve("b")), "nothing written on bad input");
    }

    @Test
    void groupWritesGroupsThatReadBackAsLabels(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("groups");
        CliRun run = CliRun.of("group", fibres().toString(), "--method", "kmeans", "--groups", "2", "-e", "histogram",
                "-o", out.toString(), "--sheet-groups", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("agreement with the 2 labels: adjusted Rand index"), run.out());
        ImageCollection back = ImageCollection.fromCsv(out.resolve("groups.csv"));
        assertEquals(2000, back.size());
        assertEquals(java.util.Set.of("group-0", "group-1"), back.labels());
        assertTrue(Files.size(out.resolve("group-sheet.png")) > 0);
        CliRun density = CliRun.of("group", fibres().toString(), "-e", "histogram", "-o", dir.resolve("d").toString(), "--json");
        assertEquals(0, density.exitCode(), density.err());
        assertTrue(density.out().startsWith("{\"method\": \"HDBSCAN*"), density.out());
    }

    @Test
    void duplicatesFindsCopiedFiles(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("images");
        Files.createDirectories(folder);
        List<Path> images;
        try (Stream<Path> s = Files.list(fibres().resolve("yes_fibers"))) {
            images = s.sorted().limit(30).toList();
        }
        for (Path p : images) {
            Files.copy(p, folder.resolve(p.getFileName()));
        }
        Files.copy(images.get(4), folder.resolve("copy-a.png"));
        Files.copy(images.get(4), folder.resolve("copy-b.png"));
        Files.copy(images.get(9), folder.resolve("copy-c.png"));
        Path out = dir.resolve("dups");
        CliRun run = CliRun.of("duplicates", folder.toString(), "-e", "lbp", "--threshold", "0", "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(out.resolve("duplicates.csv"));
        assertEquals(1 + 3 + 2, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("1,") && lines.get(3).startsWith("1,") && lines.get(4).startsWith("2,"));
        assertTrue(String.join("\n", lines).contains("copy-c.png"));
        assertTrue(Files.size(out.resolve("duplicates-sheet.png")) > 0);
    }

    @Test
    void outOfRangeCountsAreRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        String db = fibres().toString();
        String out = dir.resolve("out").toString();
        String[][] runs = {
            {"label", db, "--keep-labels", "0.05", "-o", out, "-k", "0"},
            {"label", db, "--keep-labels", "0.05", "-o", out, "--neighbours", "0"},
            {"label", db, "--keep-labels", "0.05", "-o", out, "--sheet-rows", "-1"},
            {"group", db, "-o", out, "-k", "-3"},
            {"group", db, "-o", out, "--sheet-groups", "-1"},
            {"duplicates", db, "-o", out, "--neighbours", "0"},
            {"duplicates", db, "-o", out, "--sheet-groups", "-2"},
        };
        for (String[] args : runs) {
            CliRun run = CliRun.of(args);
            assertEquals(1, run.exitCode(), String.join(" ", args) + ": " + run.err());
            String option = args[args.length - 2];
            assertTrue(run.err().contains(option + " " + args[args.length - 1] + " is out of range"),
                    String.join(" ", args) + ": " + run.err());
            assertFalse(Files.exists(dir.resolve("out")), "nothing is written for " + String.join(" ", args));
        }
    }
}
