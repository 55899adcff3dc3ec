package org.cbir.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.cbir.cli.ConsoleProgress;
import org.cbir.core.RetrievalPipeline;
import org.cbir.solr.LocalSolrCloud;
import org.cbir.solr.SolrBulkLoader;
import org.cbir.solr.SolrCollections;
import org.cbir.solr.SolrIndexFactory;
import org.cbir.solr.SolrOptions;
import org.cbir.solr.SolrTarget;
import org.cbir.solr.SolrVectorFunction;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cbir solr create|load}: a SolrCloud collection for a store, and a store moved into it;
 * {@code cbir solr start-local}: an embedded cluster for a first try.
 */
@Command(name = "solr", mixinStandardHelpOptions = true,
        description = "Serve a store from a SolrCloud collection (sharded, replicated online search).",
        subcommands = {SolrCommand.Create.class, SolrCommand.Load.class, SolrCommand.StartLocal.class})
final class SolrCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the collection is: one of --solr-url and --zk-hosts, and its name. */
    static final class Where {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Cluster cluster;

        @Option(names = {"-c", "--collection"}, required = true, description = "The collection's name.")
        String collection;

        @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
                description = "Seconds to wait for any one answer of the cluster (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        static final class Cluster {
            @Option(names = "--solr-url", paramLabel = "URL", description = "Any node of the cluster, e.g. http://localhost:8983/solr.")
            String solrUrl;

            @Option(names = "--zk-hosts", paramLabel = "HOSTS", description = "Its ZooKeeper ensemble, e.g. zk1:2181,zk2:2181/solr.")
            String zkHosts;
        }

        SolrTarget target() {
            if (timeoutSeconds < 1) {
                throw new IllegalArgumentException("--timeout must be at least 1 second, got " + timeoutSeconds);
            }
            SolrTarget target = cluster.solrUrl != null ? SolrTarget.ofSolrUrl(cluster.solrUrl, collection)
                    : SolrTarget.ofZooKeeper(cluster.zkHosts, collection);
            return target.withRequestTimeout(Duration.ofSeconds(timeoutSeconds));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a collection for the signatures of STORE (its dimension and metric) on a running SolrCloud.")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STORE", description = "A store written by `cbir index`.")
        Path store;

        @Mixin
        Where where;

        @Option(names = "--shards", defaultValue = "2", description = "Shards (default: ${DEFAULT-VALUE}).")
        int shards;

        @Option(names = "--replicas", defaultValue = "2", description = "Replicas of each shard (default: ${DEFAULT-VALUE}).")
        int replicas;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SolrTarget target = where.target();
            RetrievalPipeline pipeline = RetrievalPipeline.load(store);
            SolrVectorFunction function = SolrVectorFunction.forSimilarity(pipeline.similarity());
            SolrCollections.create(target, new SolrCollections.Layout(pipeline.dimension(), function, shards, replicas));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("created %s: %d shards x %d replicas, %d-dimensional vectors ranked by %s%n", target, shards,
                    replicas, pipeline.dimension(), function.solrName());
            out.flush();
            return 0;
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Send the signatures and records of STORE to an empty collection and save, in OUTPUT, a store that searches it.")
    static final class Load implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STORE", description = "A store written by `cbir index` (only read).")
        Path store;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
                description = "The new store (must not exist): its manifest refers to the collection.")
        Path output;

        @Mixin
        Where where;

        @Option(names = "--over-request", defaultValue = "8",
                description = "Candidates per result that searches ask Solr for, re-ranked exactly (default: ${DEFAULT-VALUE}).")
        int overRequest;

        @Option(names = "--batch", defaultValue = "1000", description = "Documents per update request (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--update-threads", defaultValue = "2",
                description = "Update requests in flight at once (default: ${DEFAULT-VALUE}).")
        int updateThreads;

        @Option(names = "--retries", defaultValue = "3", description = "Retries of a failed request (default: ${DEFAULT-VALUE}).")
        int retries;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SolrIndexFactory factory = SolrIndexFactory.of(where.target(),
                    new SolrOptions(overRequest, batch, retries, updateThreads));
            ConsoleProgress progress = ConsoleProgress.onStandardError(spec.commandLine().getErr());
            RetrievalPipeline loaded = SolrBulkLoader.load(store, factory, output, progress);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("loaded %d images into %s%nsaved to %s (query it with `cbir query %s ...`)%n", loaded.size(),
                    factory.target(), output, output);
            out.flush();
            return 0;
        }
    }

    @Command(name = "start-local", mixinStandardHelpOptions = true,
            description = {"Start an embedded SolrCloud (nodes and a ZooKeeper in this JVM) for a first try without a Solr",
                "installation; prints its ZooKeeper address (also written to DIR/zk-hosts.txt) and runs until Ctrl-C."})
    static final class StartLocal implements Callable<Integer> {
        /** The file in {@code --dir} that holds the cluster's ZooKeeper address while it runs. */
        static final String ZK_HOSTS_FILE = "zk-hosts.txt";

        @Option(names = "--nodes", defaultValue = "2", description = "Solr nodes (default: ${DEFAULT-VALUE}).")
        int nodes;

        @Option(names = "--dir", required = true, paramLabel = "DIR",
                description = "Where the nodes keep their cores and logs (a new folder, or one without a `nodes` folder).")
        Path dir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CountDownLatch stopped = new CountDownLatch(1);
            try (LocalSolrCloud local = LocalSolrCloud.start(nodes, dir)) {
                Thread hook = new Thread(() -> {
                    closeQuietly(local);
                    stopped.countDown();
                }, "cbir-solr-local-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                Path zkFile = local.directory().resolve(ZK_HOSTS_FILE);
                Files.writeString(zkFile, local.zkHost() + System.lineSeparator());
                PrintWriter out = spec.commandLine().getOut();
                out.printf("started %s under %s%n  --zk-hosts %s%n  --solr-url %s%n"
                        + "stop it with Ctrl-C%n", local, local.directory(), local.zkHost(), local.solrUrls().get(0));
                out.flush();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // stopped by the caller: close below
                } finally {
                    Files.deleteIfExists(zkFile);
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is closing the cluster
                    }
                }
            }
            return 0;
        }

        private static void closeQuietly(LocalSolrCloud local) {
            try {
                local.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("stopping the local SolrCloud: " + e.getMessage());
            }
        }
    }
}
