package org.cbir.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.cbir.examples.cli.CbirCommand;
import org.cbir.spark.LocalSpark;
import org.cbir.spark.TestCollections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's promise, on a GISAXS subset with a corrupt image: {@code cbir-spark search --json}
 * prints what {@code cbir query --json} prints for a store of the same extractor, and
 * {@code cbir-spark evaluate} reports the MAP of {@code cbir evaluate} with the same split and seed.
 */
class CommandLineEquivalenceTest {
    @TempDir
    static Path folder;
    private static SparkSession spark;
    private static Path database;
    private static Path queries;
    private static Path store;
    private static Path table;

    @BeforeAll
    static void start() throws IOException {
        spark = LocalSpark.start();
        database = TestCollections.gisaxsSubset(folder, 25, true);
        queries = TestCollections.gisaxs().resolve("query");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A store of {@code cbir index} and a table of {@code cbir-spark extract}, both Daisy, of the same images. */
    private static void daisy() {
        if (store != null) {
            return;
        }
        Path single = folder.resolve("daisy.cbir");
        run(CbirCommand.commandLine(), "index", database.toString(), "-o", single.toString(), "--extractor", "daisy");
        Path extractedTable = folder.resolve("daisy-table");
        String extracted = run(CbirSparkCommand.commandLine(), "extract", database.toString(), "--out",
                extractedTable.toString(), "--extractor", "daisy", "--master", "local[2]");
        assertTrue(extracted.contains("skipped " + database.resolve("bcc").resolve(TestCollections.CORRUPT)), extracted);
        store = single;
        table = extractedTable;
    }

    @Test
    void searchPrintsTheJsonOfCbirQuery() {
        daisy();
        String expected = run(CbirCommand.commandLine(), "query", store.toString(), queries.toString(), "-k", "10", "--json");
        String actual = run(CbirSparkCommand.commandLine(), "search", table.toString(), queries.toString(), "-k", "10",
                "--json", "--master", "local[2]");
        assertEquals(expected.strip(), actual.strip());
        assertEquals(8, actual.split("\"query\"").length - 1);
    }

    @Test
    void queryOverShardsPrintsTheJsonOfCbirQueryOnOneStore() throws IOException {
        daisy();
        Path shards = folder.resolve("daisy-shards");
        String exported = run(CbirSparkCommand.commandLine(), "export", table.toString(), "--out", shards.toString(),
                "--shards", "--master", "local[2]");
        try (var list = Files.list(shards)) {
            long written = list.filter(p -> p.getFileName().toString().startsWith("shard-")).count();
            assertTrue(written >= 2, "the test needs more than one shard: " + exported);
            assertTrue(exported.contains("wrote " + written + " shards"), exported);
        }
        // k = 1 is the sharpest merge; at k = 30 every shard contributes matches and the tie rule decides the order.
        for (String k : List.of("1", "10", "30")) {
            String expected = run(CbirCommand.commandLine(), "query", store.toString(), queries.toString(), "-k", k, "--json");
            String actual = run(CbirSparkCommand.commandLine(), "query", shards.toString(), queries.toString(), "-k", k, "--json");
            assertEquals(expected.strip(), actual.strip(), "-k " + k);
        }
    }

    @Test
    void evaluatePrintsTheMapOfCbirEvaluate() throws IOException {
        Path single = folder.resolve("evaluation-single");
        Path distributed = folder.resolve("evaluation-spark");
        List<String> common = List.of("--extractor", "histogram:32", "--split", "0.2", "--seed", "7");
        run(CbirCommand.commandLine(), concat(List.of("evaluate", database.toString(), "--out", single.toString(),
                "--sheet-queries", "0"), common));
        String printed = run(CbirSparkCommand.commandLine(), concat(List.of("evaluate", database.toString(), "--out",
                distributed.toString(), "--master", "local[2]"), common));
        assertTrue(printed.contains("MAP"), printed);
        assertEquals(map(single), map(distributed), 1e-6);
        assertEquals(Files.readString(single.resolve("k-accuracy.csv")), Files.readString(distributed.resolve("k-accuracy.csv")));
    }

    private static double map(Path evaluation) throws IOException {
        List<String> lines = Files.readAllLines(evaluation.resolve("map.csv"));
        String[] all = lines.get(lines.size() - 1).split(",");
        assertEquals("all", all[0]);
        return Double.parseDouble(all[3]);
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }

    private static String run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertEquals(0, code, () -> String.join(" ", args) + " failed: " + err);
        return out.toString();
    }
}
