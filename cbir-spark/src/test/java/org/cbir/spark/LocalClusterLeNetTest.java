package org.cbir.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cbir.core.ProgressListener;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.nets.lenet.LeNet;
import org.cbir.nets.lenet.LeNetOptions;
import org.cbir.nets.train.Augmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LeNet trained on the driver extracts, in {@code local-cluster} executors (separate JVMs that
 * restore it from its blueprint and load ND4J's natives themselves), the driver's signatures to
 * the last bits: a forward pass's float sums depend on how many images share its batch (tails of
 * the tiled kernels), as they do on one machine between {@code addAll}'s batches of 256 and a
 * query's batch of one, so the test allows a few units in the last place. {@code local-cluster} starts executors as a Spark installation would: Surefire
 * sets {@code SPARK_HOME} to {@code target/spark-home}, whose {@code jars/} this test leaves empty,
 * and the executors get the test's class path and, as the driver, the Vector API module (without
 * it their kernels fall back to scalar code, whose sums round differently in the last bit).
 */
class LocalClusterLeNetTest {
    @TempDir
    Path folder;

    @Test
    void trainedLeNetExtractsBitIdenticallyInOtherJvms() throws IOException {
        String sparkHome = System.getenv("SPARK_HOME");
        assumeTrue(sparkHome != null, "SPARK_HOME is not set (Surefire sets it)");
        Files.createDirectories(Path.of(sparkHome, "jars"));
        Path database = TestCollections.gisaxsSubset(folder, 8, false);
        ImageCollection collection = ImageCollection.fromFolder(database);
        RetrievalPipeline single = RetrievalPipeline.builder().extractor(LeNet.of(LeNetOptions.builder().inputSize(32, 32)
                .augmentation(Augmentation.none()).maxEpochs(1).batchSize(16).seed(11).build())).threads(1).build();
        single.fit(collection);
        single.addAll(collection);

        SparkSession spark = SparkSession.builder().master("local-cluster[1,2,1024]").appName("cbir-spark local-cluster")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                // the Vector API kernels of the driver (Surefire's JVM has them), not the scalar fallback
                .config("spark.executor.extraJavaOptions", "--add-modules=jdk.incubator.vector")
                .getOrCreate();
        try {
            spark.sparkContext().setLogLevel("ERROR");
            long driver = ProcessHandle.current().pid();
            Set<Long> executors = new TreeSet<>(JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(List.of(1, 2, 3, 4), 4).map(i -> ProcessHandle.current().pid()).collect());
            assertTrue(!executors.contains(driver) && !executors.isEmpty(), "executors ran in " + executors);

            List<ListedImage> listed = ImageListing.list(database.toString(), spark.sparkContext().hadoopConfiguration());
            PipelineBlueprint blueprint = PipelineBlueprint.of(single);
            DistributedExtraction.Result result = DistributedExtraction.run(spark, single, blueprint, listed,
                    List.of(ImageListing.sources(database.toString(), listed,
                            spark.sparkContext().hadoopConfiguration()).get(0)), ProgressListener.NONE);
            List<Row> rows = result.table().collectAsList();
            assertEquals(32, rows.size());
            assertEquals(List.of(), result.skipped());
            for (Row row : rows) {
                assertEquals(single.record(row.getLong(0)).orElseThrow().path(), row.getString(1));
                float[] expected = single.storedSignature(row.getLong(0)).orElseThrow();
                float[] actual = SignatureTable.vector(row, 3);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 4 * Math.ulp(Math.max(1f, Math.abs(expected[i]))),
                            row.getString(1) + " [" + i + "]");
                }
            }

        } finally {
            spark.stop();
        }
    }
}
