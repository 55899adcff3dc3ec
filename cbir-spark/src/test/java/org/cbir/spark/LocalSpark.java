package org.cbir.spark;

import org.apache.spark.sql.SparkSession;

/** The {@code local[2]} session that a test class shares (no UI, few shuffle partitions). */
public final class LocalSpark {
    private LocalSpark() {
    }

    /** A new or the running local session; stop it in the class's {@code @AfterAll}. */
    public static SparkSession start() {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("cbir-spark tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        return spark;
    }
}
