package org.cbir.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, item 6: every parameter is checked against a sane range, or refused with a message naming it. */
class CliParametersTest {
    private static final Path DATABASE = Path.of("..", "samples", "gisaxs", "database");
    private static final String QUERY = DATABASE.resolve("fcc100")
            .resolve("fcc_100_Xs25_Ys25_Zs33_Na16_Nb16_Nc10__20160914_023015.png").toString();

    private static void refused(String expected, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(1, run.exitCode(), String.join(" ", args) + "\n" + run.out());
        assertTrue(run.err().startsWith("cbir: ") && run.err().contains(expected), String.join(" ", args) + ": " + run.err());
    }

    @Test
    void outOfRangeAndIgnoredParametersAreRefusedBeforeAnyWork(@TempDir Path dir) {
        String out = dir.resolve("never.cbir").toString();
        refused("1 to 1000 trees, got trees=1000000", "index", DATABASE.toString(), "-o", out, "-i", "lsh:1000000");
        refused("-k 2000000000", "search", "-d", DATABASE.toString(), "-k", "2000000000", QUERY);
        refused("lbp:POINTS:RADIUS", "index", DATABASE.toString(), "-o", out, "-e", "lbp:16");
        refused("hog takes no parameter", "index", DATABASE.toString(), "-o", out, "-e", "hog:99");
        refused("exact takes no parameter", "index", DATABASE.toString(), "-o", out, "-i", "exact:7");
        refused("searchBeam must be 1 to 100000, got 0", "index", DATABASE.toString(), "-o", out, "-i", "graph:0");
        refused("RADIUS -1", "index", DATABASE.toString(), "-o", out, "-e", "lbp:8:-1");
        refused("BINS 1", "index", DATABASE.toString(), "-o", out, "-e", "histogram:1");
        refused("empty name or parameter", "index", DATABASE.toString(), "-o", out, "-e", "lbp:");
        refused("--threads 0", "index", DATABASE.toString(), "-o", out, "--threads", "0");
        assertTrue(!java.nio.file.Files.exists(Path.of(out)));
    }

    @Test
    void queryKIsCheckedAndSearchLoadRefusesTheOptionsTheStoreDecides(@TempDir Path dir) {
        Path store = dir.resolve("small.cbir");
        assertEquals(0, CliRun.of("index", DATABASE.resolve("fcc100").getParent().toString(), "-o", store.toString(),
                "-r", "none").exitCode());
        refused("-k 2147483647", "query", store.toString(), QUERY, "-k", "2147483647");
        CliRun all = CliRun.of("query", store.toString(), QUERY, "-k", "1000000");
        assertEquals(0, all.exitCode(), all.err());
        refused("--extractor cannot be combined with --load", "search", "--load", store.toString(), "-e", "lbp", QUERY);
        refused("--database cannot be combined with --load", "search", "--load", store.toString(), "-d",
                DATABASE.toString(), QUERY);
        refused("--metric cannot be combined", "search", "--load", store.toString(), "-m", "euclidean", QUERY);
        refused("--index cannot be combined", "search", "--load", store.toString(), "-i", "lsh", QUERY);
    }
}
