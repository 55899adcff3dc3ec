package org.cbir.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first local try, end to end: {@code cbir solr start-local} starts an embedded
 * 2-node SolrCloud, {@code cbir solr create} and {@code load} move an indexed store into a
 * collection on it through its ZooKeeper address, and {@code cbir query} on the new store prints
 * exactly what it prints on the single-machine store; stopping the command stops the cluster.
 */
class SolrStartLocalTest {
    private static final Path SAMPLES = Path.of("..", "samples", "gisaxs");

    @Test
    void startLocalThenCreateLoadAndQueryAsOnARealCluster(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("gisaxs.cbir");
        CliRun indexed = CliRun.of("index", SAMPLES.resolve("database").toString(), "-o", store.toString(),
                "--extractor", "lbp");
        assertEquals(0, indexed.exitCode(), indexed.err());

        Path local = dir.resolve("solr");
        AtomicReference<CliRun> cluster = new AtomicReference<>();
        Thread running = new Thread(() -> cluster.set(CliRun.of("solr", "start-local", "--nodes", "2", "--dir",
                local.toString())), "start-local");
        running.start();
        Path zkFile = local.resolve(SolrCommand.StartLocal.ZK_HOSTS_FILE);
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!Files.exists(zkFile) && running.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Files.exists(zkFile), "no ZooKeeper address written; " + cluster.get());
        String zk = Files.readString(zkFile).strip();
        try {
            CliRun created = CliRun.of("solr", "create", store.toString(), "--zk-hosts", zk, "-c", "gisaxs",
                    "--shards", "2", "--replicas", "1");
            assertEquals(0, created.exitCode(), created.err());
            Path onSolr = dir.resolve("gisaxs-solr.cbir");
            CliRun loaded = CliRun.of("solr", "load", store.toString(), "-o", onSolr.toString(), "--zk-hosts", zk,
                    "-c", "gisaxs");
            assertEquals(0, loaded.exitCode(), loaded.err());

            String query = SAMPLES.resolve("query").toString();
            CliRun exact = CliRun.of("query", store.toString(), query, "-k", "10", "--where", "label=bcc");
            CliRun solr = CliRun.of("query", onSolr.toString(), query, "-k", "10", "--where", "label=bcc");
            assertEquals(0, solr.exitCode(), solr.err());
            assertFalse(exact.out().isBlank());
            assertEquals(exact.out(), solr.out(), "the store on Solr answers as the store it was loaded from");
        } finally {
            running.interrupt();
            running.join(120_000);
        }
        assertFalse(running.isAlive(), "start-local did not stop");
        assertEquals(0, cluster.get().exitCode(), cluster.get().err());
        assertTrue(cluster.get().out().contains("--zk-hosts " + zk), cluster.get().out());
        assertFalse(Files.exists(zkFile), "the address file is removed when the cluster stops");
    }
}
