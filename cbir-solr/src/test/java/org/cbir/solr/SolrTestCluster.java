package org.cbir.solr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * An in-process SolrCloud of two nodes with an embedded ZooKeeper, for one test class. Its base
 * directory is new under {@code target/solr-clusters/} (a leftover one would make the start
 * fail) and removed on close; Solr's logs go there too ({@code solr.log.dir}).
 */
final class SolrTestCluster implements AutoCloseable {
    private final Path base;
    private final MiniSolrCloudCluster cluster;

    private SolrTestCluster(Path base, MiniSolrCloudCluster cluster) {
        this.base = base;
        this.cluster = cluster;
    }

    static SolrTestCluster start(String name) throws Exception {
        Path root = Path.of("target", "solr-clusters").toAbsolutePath();
        Files.createDirectories(root);
        Path base = Files.createTempDirectory(root, name + "-");
        System.setProperty("solr.log.dir", base.resolve("logs").toString());
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster(2, base.resolve("nodes"),
                JettyConfig.builder().build());
        return new SolrTestCluster(base, cluster);
    }

    /** The base URLs of the running nodes. */
    List<String> solrUrls() {
        return cluster.getJettySolrRunners().stream().filter(JettySolrRunner::isRunning)
                .map(j -> j.getBaseUrl().toString()).toList();
    }

    /** The ZooKeeper address of the cluster. */
    String zkAddress() {
        return cluster.getZkServer().getZkAddress();
    }

    /** {@code collection} on this cluster, reached by the nodes' URLs. */
    SolrTarget target(String collection) {
        return new SolrTarget(solrUrls(), List.of(), null, collection, SolrTarget.DEFAULT_CONNECT_TIMEOUT,
                SolrTarget.DEFAULT_REQUEST_TIMEOUT);
    }

    MiniSolrCloudCluster cluster() {
        return cluster;
    }

    @Override
    public void close() throws Exception {
        try {
            cluster.shutdown();
        } finally {
            deleteTree(base);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
