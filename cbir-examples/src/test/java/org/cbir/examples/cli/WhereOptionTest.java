package org.cbir.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --where}: the CSV's metadata columns are stored, printed with each match, and filter queries. */
class WhereOptionTest {
    private static final Path SAMPLES = Path.of("..", "samples", "gisaxs");

    /** A CSV of the sample database with a run column: run = the image's position in the list modulo 3. */
    private static Path csvWithRuns(Path dir) throws IOException {
        List<Path> images;
        try (Stream<Path> files = Files.walk(SAMPLES.resolve("database"))) {
            images = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        StringBuilder csv = new StringBuilder("path,label,run\n");
        for (int i = 0; i < images.size(); i++) {
            Path image = images.get(i).toAbsolutePath();
            csv.append('"').append(image).append("\",").append(image.getParent().getFileName()).append(',')
                    .append(i % 3).append('\n');
        }
        return Files.writeString(dir.resolve("database.csv"), csv);
    }

    @Test
    void queryReturnsOnlyImagesOfTheRequestedRunAndLabel(@TempDir Path dir) throws IOException {
        Path store = dir.resolve("runs.cbir");
        CliRun indexed = CliRun.of("index", csvWithRuns(dir).toString(), "-o", store.toString(), "--extractor", "lbp");
        assertEquals(0, indexed.exitCode(), indexed.err());
        Path query = SAMPLES.resolve("query");

        CliRun all = CliRun.of("query", store.toString(), query.toString(), "-k", "6", "--json");
        assertEquals(0, all.exitCode(), all.err());
        List<String> allRuns = runs(all.out());
        assertEquals(8 * 6, allRuns.size(), "every match carries its run");
        assertTrue(allRuns.stream().distinct().count() > 1, all.out());

        CliRun run2 = CliRun.of("query", store.toString(), query.toString(), "-k", "6", "--json", "--where", "run=2");
        assertEquals(0, run2.exitCode(), run2.err());
        assertEquals(List.of("2"), runs(run2.out()).stream().distinct().toList());
        assertEquals(8 * 6, runs(run2.out()).size());

        CliRun fccRun1 = CliRun.of("query", store.toString(), query.toString(), "-k", "3",
                "--where", "label=fcc100", "--where", "run=1");
        assertEquals(0, fccRun1.exitCode(), fccRun1.err());
        long rows = fccRun1.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\S+\\s+\\S+\\s+\\S+\\.png\\s+run=\\d")).count();
        assertEquals(8 * 3, rows, fccRun1.out());
        assertTrue(fccRun1.out().lines().filter(l -> l.endsWith("run=0") || l.endsWith("run=2")).findAny().isEmpty(),
                fccRun1.out());
        assertTrue(fccRun1.out().lines().filter(l -> l.matches("\\s+\\d+\\s+.*\\.png.*")).allMatch(l -> l.contains("fcc100")),
                fccRun1.out());
    }

    @Test
    void aFilterThatDoesNotParseIsOneClearLine(@TempDir Path dir) throws IOException {
        CliRun bad = CliRun.of("search", "--database", SAMPLES.resolve("database").toString(), "--where", "bcc",
                SAMPLES.resolve("query").toString());
        assertEquals(1, bad.exitCode(), bad.out());
        assertTrue(bad.err().contains("--where") && bad.err().contains("'bcc'"), bad.err());
    }

    private static List<String> runs(String json) {
        Matcher m = Pattern.compile("\"run\": \"(\\d)\"").matcher(json);
        return m.results().map(r -> r.group(1)).toList();
    }
}
