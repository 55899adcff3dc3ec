package org.cbir.spark.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Loads a signature table into a SolrCloud collection from the executors. Its options are plain
 * values and its Solr work is in {@link SolrLoading}, so that the command line starts without
 * cbir-solr on the class path (optional in this module) and says what is missing only when this
 * command runs.
 */
@Command(name = "solr-load", mixinStandardHelpOptions = true,
        description = {"Send the signatures of TABLE from the executors to an empty SolrCloud collection of its"
                + " dimension (created first with --create), in batches, retried; one commit at the end.",
            "Search it with `cbir` through a store from `cbir solr load`, or with SolrIndexFactory."})
final class SolrLoadCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TABLE", description = "A signature table written by `extract` or `import`.")
    String table;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Cluster cluster;

    static final class Cluster {
        @Option(names = "--solr-url", paramLabel = "URL", description = "Any node of the cluster, e.g. http://localhost:8983/solr.")
        String solrUrl;

        @Option(names = "--zk-hosts", paramLabel = "HOSTS", description = "Its ZooKeeper ensemble, e.g. zk1:2181,zk2:2181/solr.")
        String zkHosts;
    }

    @Option(names = {"-c", "--collection"}, required = true, description = "The collection's name.")
    String collection;

    @Option(names = "--create", description = "Create the collection first (it must not exist).")
    boolean create;

    @Option(names = "--shards", defaultValue = "2", description = "Shards of a collection made with --create (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--replicas", defaultValue = "2",
            description = "Replicas of each shard of a collection made with --create (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--batch", defaultValue = "1000", description = "Documents per update request (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--update-threads", defaultValue = "2",
            description = "Update requests in flight at once in each task (default: ${DEFAULT-VALUE}).")
    int updateThreads;

    @Option(names = "--retries", defaultValue = "3", description = "Retries of a failed request (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "Seconds to wait for any one answer of the cluster (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        try {
            Class.forName("org.cbir.solr.SolrIndexFactory", false, SolrLoadCommand.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("solr-load needs cbir-solr (with SolrJ) on the class path: the jar of the"
                    + " spark-jar profile carries it; with spark-submit, add it with --jars or --packages", e);
        }
        SparkSession spark = sparkOptions.session("solr-load");
        SolrLoading.Loaded loaded = SolrLoading.load(spark, table, new SolrLoading.Request(cluster.solrUrl,
                cluster.zkHosts, collection, create, shards, replicas, batch, updateThreads, retries, timeoutSeconds));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("loaded %d rows of %s into %s%n", loaded.rows(), table, loaded.target());
        out.flush();
        return 0;
    }
}
