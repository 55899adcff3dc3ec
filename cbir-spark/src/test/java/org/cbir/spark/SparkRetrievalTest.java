package org.cbir.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.ImageRecord;
import org.cbir.core.IndexFactory;
import org.cbir.core.IndexingReport;
import org.cbir.core.Match;
import org.cbir.core.Neighbor;
import org.cbir.core.QueryResult;
import org.cbir.core.Reducer;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.eval.Evaluation;
import org.cbir.eval.EvaluationReport;
import org.cbir.eval.EvaluationSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extraction, batch search, evaluation and the store bridges in {@code local[2]}, each against
 * the single-machine pipeline on the same images: a fitted reducer (z-score) travels in the
 * blueprint, a corrupt image is skipped and listed, and exact results are identical.
 */
class SparkRetrievalTest {
    @TempDir
    static Path folder;
    private static SparkSession spark;
    private static Path database;
    private static RetrievalPipeline single;
    private static IndexingReport singleReport;
    private static PipelineBlueprint blueprint;
    private static DistributedExtraction.Result extracted;
    private static Dataset<Row> table;
    private static List<Image> queries;

    @BeforeAll
    static void extractBoth() throws IOException {
        spark = LocalSpark.start();
        database = TestCollections.gisaxsSubset(folder, 20, true);
        ImageCollection collection = ImageCollection.fromFolder(database);
        single = RetrievalPipeline.builder().extractor(FeatureExtractor.firstOrderStatistics(32))
                .reducer(Reducer.zScore()).threads(2).build();
        single.fit(collection);
        blueprint = PipelineBlueprint.of(single);
        singleReport = single.addAll(collection);
        List<ListedImage> listed = ImageListing.list(database.toString(), spark.sparkContext().hadoopConfiguration());
        extracted = DistributedExtraction.run(spark, single, blueprint, listed,
                ImageListing.sources(database.toString(), listed, spark.sparkContext().hadoopConfiguration()),
                org.cbir.core.ProgressListener.NONE);
        Path tablePath = folder.resolve("table");
        SignatureTable.write(spark, extracted, blueprint, tablePath.toString());
        table = SignatureTable.read(spark, tablePath.toString());
        queries = new ArrayList<>();
        for (ImageEntry entry : ImageCollection.fromFolder(TestCollections.gisaxs().resolve("query"))) {
            queries.add(entry.load());
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void tableHoldsTheSingleMachineIdsPathsLabelsAndSignatures() {
        List<Row> rows = table.orderBy("id").collectAsList();
        assertEquals(single.size(), rows.size());
        assertEquals(80, rows.size());
        for (Row row : rows) {
            ImageRecord record = single.record(row.getLong(0)).orElseThrow();
            assertEquals(record.path(), row.getString(1));
            assertEquals(record.label(), row.getString(2));
            assertArrayEquals(single.storedSignature(record.id()).orElseThrow(), SignatureTable.vector(row, 3),
                    record.path());
        }
    }

    @Test
    void aCorruptImageIsListedAndTheJobSucceeds() throws IOException {
        assertEquals(1, extracted.skipped().size());
        assertEquals(singleReport.skipped().get(0).path(), extracted.skipped().get(0).path());
        assertTrue(extracted.skipped().get(0).path().endsWith(TestCollections.CORRUPT));
        assertTrue(extracted.skipped().get(0).reason().contains("truncated"), extracted.skipped().get(0).reason());
        String listed = Files.readString(folder.resolve("table").resolve(SignatureTable.SKIPPED));
        assertTrue(listed.startsWith(extracted.skipped().get(0).path() + "\t"), listed);
    }

    @Test
    void tableRecordsItsPipelineAndRefusesAnotherBlueprint() throws IOException {
        assertEquals(single.extractor().spec().toString(), SignatureTable.recorded(table, "extractor"));
        assertEquals(single.describe(), SignatureTable.recorded(table, "pipeline.description"));
        assertEquals(blueprint.id(), SignatureTable.blueprint(spark, folder.resolve("table").toString()).id());
        assertThrows(IllegalArgumentException.class, () -> SignatureTable.write(spark, extracted, blueprint,
                folder.resolve("table").toString()));
    }

    @Test
    void restoredBlueprintComputesTheSameSignatures() {
        RetrievalPipeline restored = blueprint.restore();
        for (Image query : queries) {
            assertArrayEquals(single.signature(query), restored.signature(query));
        }
    }

    @Test
    void exactBatchSearchEqualsTheSingleMachineOverAnyPartitioning() {
        List<float[]> signatures = queries.stream().map(single::signature).toList();
        List<QueryResult> expected = single.queryAll(queries, 10);
        for (int partitions : new int[] {1, 3, 7}) {
            List<List<Neighbor>> found = BatchSearch.search(table.repartition(partitions), signatures, 10,
                    IndexFactory.exact(), single.similarity());
            assertEquals(expected.size(), found.size());
            for (int q = 0; q < found.size(); q++) {
                List<Match> matches = expected.get(q).matches();
                assertEquals(matches.size(), found.get(q).size());
                for (int i = 0; i < matches.size(); i++) {
                    assertEquals(matches.get(i).id(), found.get(q).get(i).id(), "query " + q + " rank " + i);
                    assertEquals(matches.get(i).distance(), found.get(q).get(i).distance(), 0.0);
                }
            }
        }
    }

    @Test
    void distributedEvaluationEqualsEvaluationOnOneMachine() {
        Evaluation evaluation = Evaluation.builder().pipeline(() -> single).threads(2).build();
        EvaluationReport expected = evaluation.runIndexed(single);
        EvaluationReport distributed = DistributedEvaluation.evaluate(table, blueprint,
                new DistributedEvaluation.Settings(0, 0, EvaluationSettings.PAPER_CUTOFFS), single.size(), 0, 0,
                System.nanoTime());
        assertEquals(expected.map(), distributed.map(), 0.0);
        assertEquals(expected.kAccuracy(), distributed.kAccuracy());
        for (int c = 0; c < expected.confusion().size(); c++) {
            for (String truth : expected.confusion().get(c).classes()) {
                for (String predicted : expected.confusion().get(c).classes()) {
                    assertEquals(expected.confusion().get(c).count(truth, predicted),
                            distributed.confusion().get(c).count(truth, predicted));
                }
            }
        }
        assertEquals(expected.counts(), distributed.counts());
        assertEquals(expected.classes(), distributed.classes());
    }

    @Test
    void storeFromTheTableAnswersAsTheSingleMachineStore() throws IOException {
        Path store = folder.resolve("exported.cbir");
        StoreBridge.toStore(table, blueprint, store);
        RetrievalPipeline loaded = RetrievalPipeline.load(store);
        for (Image query : queries) {
            assertEquals(single.query(query, 10), loaded.query(query, 10));
        }
        Path reimported = folder.resolve("reimported");
        StoreBridge.fromStore(spark, store, reimported.toString());
        assertEquals(rows(table), rows(SignatureTable.read(spark, reimported.toString())));
    }

    @Test
    void shardedStoresFanOutToTheSingleMachineResult() throws IOException {
        Path shards = folder.resolve("shards");
        List<Path> written = StoreBridge.toShards(table.repartition(3), blueprint, shards);
        assertEquals(3, written.size());
        ShardedStore sharded = ShardedStore.open(shards);
        assertEquals(single.size(), sharded.size());
        for (Image query : queries) {
            assertEquals(single.query(query, 10), sharded.query(query, 10));
        }
        assertThrows(IllegalArgumentException.class, () -> StoreBridge.toShards(table, blueprint, shards));
    }

    private static Map<Long, String> rows(Dataset<Row> rows) {
        Map<Long, String> byId = new TreeMap<>();
        for (Row r : rows.collectAsList()) {
            byId.put(r.getLong(0), r.getString(1) + "|" + r.getString(2) + "|"
                    + java.util.Arrays.toString(SignatureTable.vector(r, 3)));
        }
        return byId;
    }
}
