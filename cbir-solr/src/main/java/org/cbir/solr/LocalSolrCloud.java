package org.cbir.solr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SolrCloud of a few nodes and an embedded ZooKeeper inside this JVM, for a first try of the
 * Solr index without a Solr installation, and for tests: {@code cbir solr start-local} starts
 * one and prints its ZooKeeper address, which {@code cbir solr create|load} and
 * {@link SolrTarget#ofZooKeeper} then take exactly as they take a real cluster's.
 *
 * <p>It is Solr's own {@code MiniSolrCloudCluster} (from {@code solr-test-framework}, which
 * this module declares optional: an application that starts local clusters adds it; a library
 * user of the Solr index does not need it). Not for production: one JVM, no security, nodes on
 * random local ports. Its nodes keep their cores under {@code directory/nodes}, which must not
 * exist yet (a leftover one makes Solr's start fail), and log to {@code directory/logs}. Closing
 * stops the nodes and ZooKeeper; the directory is left for the user to inspect or delete.
 */
public final class LocalSolrCloud implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSolrCloud.class);

    private final Path directory;
    private final MiniSolrCloudCluster cluster;

    private LocalSolrCloud(Path directory, MiniSolrCloudCluster cluster) {
        this.directory = directory;
        this.cluster = cluster;
    }

    /**
     * Starts {@code nodes} Solr nodes and a ZooKeeper under {@code directory} (created if absent;
     * it must not hold a {@code nodes} folder from an earlier start) and waits until they are up.
     *
     * @throws IllegalArgumentException if {@code nodes < 1} or {@code directory} holds an earlier cluster
     * @throws IllegalStateException if {@code solr-test-framework} is not on the class path
     * @throws IOException if the nodes cannot start
     */
    public static LocalSolrCloud start(int nodes, Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        if (nodes < 1) {
            throw new IllegalArgumentException("a local SolrCloud needs at least 1 node, got " + nodes);
        }
        requireTestFramework();
        Path base = directory.toAbsolutePath();
        if (Files.exists(base.resolve("nodes"))) {
            throw new IllegalArgumentException(base.resolve("nodes") + " exists from an earlier local cluster;"
                    + " delete it or choose another directory");
        }
        Files.createDirectories(base);
        System.setProperty("solr.log.dir", base.resolve("logs").toString());
        try {
            MiniSolrCloudCluster cluster = new MiniSolrCloudCluster(nodes, base.resolve("nodes"),
                    JettyConfig.builder().build());
            LocalSolrCloud local = new LocalSolrCloud(base, cluster);
            LOG.info("started a local SolrCloud of {} nodes under {}: zookeeper {}, nodes {}", nodes, base,
                    local.zkHost(), local.solrUrls());
            return local;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot start a local SolrCloud under " + base + ": " + e.getMessage(), e);
        }
    }

    private static void requireTestFramework() {
        try {
            Class.forName("org.apache.solr.cloud.MiniSolrCloudCluster", false, LocalSolrCloud.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("a local SolrCloud needs org.apache.solr:solr-test-framework on the class"
                    + " path (cbir-solr declares it optional); add it to the application, or start Solr's own"
                    + " example cluster with `bin/solr start -e cloud`", e);
        }
    }

    /** The ZooKeeper address of the cluster ({@code 127.0.0.1:PORT/solr}), for {@code --zk-hosts}. */
    public String zkHost() {
        return cluster.getZkServer().getZkAddress();
    }

    /** The base URLs of the running nodes, for {@code --solr-url}. */
    public List<String> solrUrls() {
        return cluster.getJettySolrRunners().stream().filter(JettySolrRunner::isRunning)
                .map(j -> j.getBaseUrl().toString()).toList();
    }

    /** The directory of the nodes' cores and logs. */
    public Path directory() {
        return directory;
    }

    /** {@code collection} on this cluster, reached through its ZooKeeper. */
    public SolrTarget target(String collection) {
        return SolrTarget.ofZooKeeper(zkHost(), collection);
    }

    /**
     * Stops node {@code i} (0-based) as a failing machine would, keeping its cores; for trying
     * out replication.
     *
     * @throws IllegalArgumentException if there is no such node
     */
    public void stopNode(int i) throws IOException {
        if (i < 0 || i >= cluster.getJettySolrRunners().size()) {
            throw new IllegalArgumentException("no node " + i + " in a cluster of "
                    + cluster.getJettySolrRunners().size());
        }
        try {
            cluster.stopJettySolrRunner(i);
        } catch (Exception e) {
            throw new IOException("cannot stop node " + i + ": " + e.getMessage(), e);
        }
    }

    /** Stops the nodes and ZooKeeper. */
    @Override
    public void close() throws IOException {
        try {
            cluster.shutdown();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot stop the local SolrCloud under " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "local SolrCloud of " + cluster.getJettySolrRunners().size() + " nodes, zookeeper " + zkHost();
    }
}
