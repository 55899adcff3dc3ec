package org.cbir.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cbir.core.ImageRecord;
import org.cbir.core.RetrievalPipeline;

/**
 * Moves signatures between a {@link SignatureTable} and single-machine stores: a table becomes a
 * store that {@code cbir query} and {@link RetrievalPipeline#load} serve (the cluster builds, one
 * machine answers), a store becomes a table (a collection indexed on one machine is searched or
 * evaluated on the cluster), and a table becomes one store per partition on a shared file system,
 * which {@link ShardedStore} queries by fanning out. Ids are kept, so results name the same
 * images everywhere. A store is written only where nothing is (or an earlier store, as
 * {@link RetrievalPipeline#save} allows), never over a user's files.
 */
public final class StoreBridge {
    /** The name of shard {@code i}'s store in a sharded directory. */
    static final String SHARD = "shard-%05d.cbir";

    private StoreBridge() {
    }

    /**
     * Saves the whole table as one store at {@code store} (on the driver's file system). The
     * table must fit in the driver's memory.
     */
    public static RetrievalPipeline toStore(Dataset<Row> table, PipelineBlueprint blueprint, Path store)
            throws IOException {
        RetrievalPipeline pipeline = SignatureRows.collect(table).addTo(blueprint.restore().emptyCopy());
        pipeline.save(store);
        return pipeline;
    }

    /**
     * The images of a saved store as a signature table at {@code path} (any Hadoop file system),
     * with the store's pipeline as its blueprint.
     */
    public static void fromStore(SparkSession spark, Path store, String path) throws IOException {
        RetrievalPipeline pipeline = RetrievalPipeline.load(store);
        PipelineBlueprint blueprint = PipelineBlueprint.of(pipeline);
        List<ImageRecord> records = new ArrayList<>(pipeline.records());
        records.sort(Comparator.comparingLong(ImageRecord::id));
        List<Row> rows = new ArrayList<>(records.size());
        for (ImageRecord r : records) {
            float[] vector = pipeline.storedSignature(r.id()).orElseThrow();
            rows.add(RowFactory.create(r.id(), r.path(), r.label(), vector));
        }
        int partitions = Math.max(1, spark.sparkContext().defaultParallelism());
        Dataset<Row> table = spark.createDataFrame(rows, SignatureTable.schema(pipeline, blueprint)).repartition(partitions);
        SignatureTable.write(spark, new DistributedExtraction.Result(table, List.of()), blueprint, path);
    }

    /**
     * Saves each partition of the table as its own store, {@code shard-00000.cbir} and so on, in
     * {@code directory}, which every executor must reach as a local path (a shared file system);
     * it is created if absent and must not already hold shards.
     *
     * @return the shards' paths
     */
    public static List<Path> toShards(Dataset<Row> table, PipelineBlueprint blueprint, Path directory)
            throws IOException {
        Files.createDirectories(directory);
        try (var existing = Files.newDirectoryStream(directory, "shard-*.cbir")) {
            if (existing.iterator().hasNext()) {
                throw new IllegalArgumentException(directory + " already holds shards: give an empty directory");
            }
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(table.sparkSession().sparkContext());
        Broadcast<PipelineBlueprint> shipped = context.broadcast(blueprint);
        String root = directory.toAbsolutePath().toString();
        List<String> shards = table.select(SignatureTable.ID, SignatureTable.PATH, SignatureTable.LABEL,
                SignatureTable.VECTOR).javaRDD()
                .mapPartitionsWithIndex((partition, rows) -> saveShard(partition, rows, shipped.value(), root), false)
                .collect();
        return shards.stream().map(Path::of).sorted().toList();
    }

    private static Iterator<String> saveShard(int partition, Iterator<Row> rows, PipelineBlueprint blueprint,
                                              String root) throws IOException {
        List<Row> shard = new ArrayList<>();
        rows.forEachRemaining(shard::add);
        if (shard.isEmpty()) {
            return List.<String>of().iterator();
        }
        Path store = Path.of(root, String.format(Locale.ROOT, SHARD, partition));
        SignatureRows.of(shard).addTo(blueprint.restore().emptyCopy()).save(store);
        return List.of(store.toString()).iterator();
    }
}
