package org.cbir.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.ImageRecord;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.RecordFilter;
import org.cbir.core.Reducer;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.solr.SolrCollections;
import org.cbir.solr.SolrIndex;
import org.cbir.solr.SolrIndexException;
import org.cbir.solr.SolrIndexFactory;
import org.cbir.solr.SolrOptions;
import org.cbir.solr.SolrTarget;
import org.cbir.solr.SolrVectorFunction;
import org.cbir.spark.cli.CbirSparkCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A signature table goes from {@code local[2]} executors into a 2-shard collection on a 2-node
 * SolrCloud (in a child JVM: {@link SolrCloudProcess}): every row is stored once (the table in 3
 * partitions, small batches), the top 10 of every image's signature, plain and within a label,
 * equal the exact scan's over the same signatures, and a collection that is not empty is refused
 * before anything is sent; {@code cbir-spark solr-load --create} does the same into a collection
 * it creates, and names a missing collection.
 */
class SolrTableLoaderTest {
    @TempDir
    Path folder;

    @Test
    void executorsLoadATableWhoseSearchesEqualTheExactScan() throws Exception {
        SparkSession spark = LocalSpark.start();
        try (SolrCloudProcess cloud = SolrCloudProcess.start("table", 2)) {
            RetrievalPipeline single = RetrievalPipeline.builder().extractor(FeatureExtractor.firstOrderStatistics(32))
                    .reducer(Reducer.zScore()).threads(2).build();
            ImageCollection collection = ImageCollection.fromFolder(TestCollections.gisaxsSubset(folder, 15, false));
            single.fit(collection);
            single.addAll(collection);
            Path store = folder.resolve("single.cbir");
            single.save(store);
            String tablePath = folder.resolve("table").toString();
            StoreBridge.fromStore(spark, store, tablePath);
            Dataset<Row> table = SignatureTable.read(spark, tablePath).repartition(3);
            PipelineBlueprint blueprint = SignatureTable.blueprint(spark, tablePath);

            // a generous timeout: creating the cores takes long on a loaded 2-core machine
            SolrTarget target = SolrTarget.ofZooKeeper(cloud.zkHost(), "table").withRequestTimeout(Duration.ofSeconds(120));
            SolrCollections.create(target, new SolrCollections.Layout(single.dimension(),
                    SolrVectorFunction.forSimilarity(single.similarity()), 2, 1));
            SolrIndexFactory factory = SolrIndexFactory.of(target, new SolrOptions(8, 7, 2, 2));
            assertEquals(single.size(), SolrTableLoader.load(table, blueprint, factory), cloud::log);

            List<ImageRecord> records = new ArrayList<>(single.records());
            records.sort(Comparator.comparingLong(ImageRecord::id));
            Index exact = IndexFactory.exact().create(single.dimension(), single.similarity());
            for (ImageRecord r : records) {
                exact.add(r, single.storedSignature(r.id()).orElseThrow());
            }
            try (SolrIndex solr = factory.connect(single.dimension(), single.similarity())) {
                String label = records.get(0).label();
                Index.Filter withinLabel = RecordFilter.label(label).forIds(id -> single.record(id).orElseThrow());
                for (ImageRecord r : records) {
                    float[] signature = single.storedSignature(r.id()).orElseThrow();
                    assertEquals(exact.search(signature, 10), solr.search(signature, 10), "image " + r.path());
                    assertEquals(exact.search(signature, 10, withinLabel), solr.search(signature, 10, withinLabel),
                            "image " + r.path() + " within " + label);
                }
            }
            SolrIndexException notEmpty = assertThrows(SolrIndexException.class,
                    () -> SolrTableLoader.load(table, blueprint, factory));
            assertTrue(notEmpty.getMessage().contains("already holds"), notEmpty.getMessage());

            // the command: creates a collection of the table's dimension and metric, then loads it
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = CbirSparkCommand.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            int code = cli.execute("solr-load", tablePath, "--zk-hosts", cloud.zkHost(), "-c", "by-command", "--create",
                    "--shards", "2", "--replicas", "1", "--batch", "5", "--timeout", "120", "--master", "local[2]");
            spark.sparkContext().setLogLevel("ERROR"); // the command sets WARN
            assertEquals(0, code, err::toString);
            assertEquals("loaded " + single.size() + " rows of " + tablePath + " into " + target.withCollection("by-command")
                    + System.lineSeparator(), out.toString());
            SolrTarget byCommand = target.withCollection("by-command");
            try (SolrIndex solr = SolrIndexFactory.of(byCommand).connect(single.dimension(), single.similarity())) {
                for (ImageRecord r : records) {
                    float[] signature = single.storedSignature(r.id()).orElseThrow();
                    assertEquals(exact.search(signature, 10), solr.search(signature, 10), "image " + r.path());
                }
            }
            assertEquals(1, cli.execute("solr-load", tablePath, "--zk-hosts", cloud.zkHost(), "-c", "absent",
                    "--master", "local[2]"));
            spark.sparkContext().setLogLevel("ERROR");
            assertTrue(err.toString().contains("'absent'"), err::toString);
        } finally {
            spark.stop();
        }
    }
}
