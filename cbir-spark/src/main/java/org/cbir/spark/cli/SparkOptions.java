package org.cbir.spark.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every command takes to reach Spark. */
final class SparkOptions {
    private static final String EXECUTOR_OPTIONS = "spark.executor.extraJavaOptions";
    private static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. 'local[2]', 'local[*]', spark://host:7077 (default: what spark-submit"
                    + " passes, else local[*]).")
    String master;

    /**
     * A session on the chosen master; under spark-submit, the master it was given. Executors get
     * the Vector API module unless their Java options were set: cbir's kernels then run the same
     * code as a single machine started with {@code --add-modules jdk.incubator.vector}, so
     * signatures and distances agree to the last bit.
     */
    SparkSession session(String command) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName("cbir-spark " + command);
        if (!conf.contains(EXECUTOR_OPTIONS)) {
            builder.config(EXECUTOR_OPTIONS, VECTOR_MODULE);
        }
        if (master != null) {
            builder.master(master);
        } else if (!conf.contains("spark.master")) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
