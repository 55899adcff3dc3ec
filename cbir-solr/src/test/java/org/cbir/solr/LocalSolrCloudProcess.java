package org.cbir.solr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The main of a child JVM that runs a {@link LocalSolrCloud} for a test in another JVM (cbir-spark's,
 * whose Spark jars must not share a class path with Solr's server jars): started with this module's
 * test class path ({@code target/solr-cluster.classpath}), it starts the cluster under the directory
 * given, writes its ZooKeeper address to {@code DIRECTORY/zk-host} (renamed into place, so a reader
 * never sees half of it), and stops the cluster when its standard input ends, which is when the
 * parent closes it or dies. Arguments: {@code DIRECTORY NODES}. Prints nothing; Solr logs errors to
 * standard error, which the parent sends to a file.
 */
public final class LocalSolrCloudProcess {
    /** The file, in the cluster's directory, that holds its ZooKeeper address once it is up. */
    public static final String ZK_HOST_FILE = "zk-host";

    private LocalSolrCloudProcess() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LocalSolrCloudProcess DIRECTORY NODES, got " + args.length
                    + " arguments");
        }
        Path directory = Path.of(args[0]).toAbsolutePath();
        int nodes = Integer.parseInt(args[1]);
        try (LocalSolrCloud cloud = LocalSolrCloud.start(nodes, directory)) {
            Path partial = directory.resolve(ZK_HOST_FILE + ".part");
            Files.writeString(partial, cloud.zkHost(), StandardCharsets.UTF_8);
            Files.move(partial, directory.resolve(ZK_HOST_FILE), StandardCopyOption.ATOMIC_MOVE);
            InputStream in = System.in;
            while (in.read() >= 0) {
                // anything the parent writes is ignored; the end of the stream stops the cluster
            }
        }
        // Solr and ZooKeeper leave non-daemon threads behind after shutdown
        System.exit(0);
    }
}
