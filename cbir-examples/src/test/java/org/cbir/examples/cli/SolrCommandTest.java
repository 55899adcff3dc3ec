package org.cbir.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cbir solr}: errors name the collection and the host, and nothing is overwritten. (The
 * commands against a running SolrCloud are tested in cbir-solr, whose tests start one.)
 */
class SolrCommandTest {
    private static final Path SAMPLES = Path.of("..", "samples", "gisaxs");

    /** A port on which nothing listens (bound, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void createOnAClusterThatDoesNotAnswerNamesCollectionAndHost(@TempDir Path dir) throws IOException {
        Path store = dir.resolve("q.cbir");
        assertEquals(0, CliRun.of("index", SAMPLES.resolve("query").toString(), "-o", store.toString()).exitCode());
        String url = "http://127.0.0.1:" + closedPort() + "/solr";
        CliRun run = CliRun.of("solr", "create", store.toString(), "--solr-url", url, "-c", "gisaxs", "--timeout", "2");
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains("'gisaxs'") && run.err().contains(url), run.err());
    }

    @Test
    void loadNeverOverwritesAnExistingOutputAndNeedsOneClusterAddress(@TempDir Path dir) throws IOException {
        Path store = dir.resolve("q.cbir");
        assertEquals(0, CliRun.of("index", SAMPLES.resolve("query").toString(), "-o", store.toString()).exitCode());
        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("mine.txt"), "user data");
        CliRun run = CliRun.of("solr", "load", store.toString(), "-o", taken.toString(), "--solr-url",
                "http://127.0.0.1:" + closedPort() + "/solr", "-c", "gisaxs");
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains(taken.toString()) && run.err().contains("exists"), run.err());
        assertEquals("user data", Files.readString(taken.resolve("mine.txt")));
        CliRun neither = CliRun.of("solr", "load", store.toString(), "-o", dir.resolve("new").toString(), "-c", "gisaxs");
        assertEquals(2, neither.exitCode(), neither.err());
    }
}
