package org.cbir.spark.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every command takes to reach Spark. */
final class SparkOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. 'local[2]', 'local[*]', spark://host:7077 (default: what spark-submit"
                    + " passes, else local[*]).")
    String master;

    /** A session on the chosen master; under spark-submit, the master it was given. */
    SparkSession session(String command) {
        SparkSession.Builder builder = SparkSession.builder().appName("cbir-spark " + command);
        if (master != null) {
            builder.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
