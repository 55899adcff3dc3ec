package org.cbir.spark;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cbir.core.ComponentSpec;
import org.cbir.core.ImageRecord;
import org.cbir.core.RetrievalPipeline;
import org.cbir.solr.SolrBulkWriter;
import org.cbir.solr.SolrIndex;
import org.cbir.solr.SolrIndexFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@link SignatureTable} into a SolrCloud collection from the executors: each partition
 * opens a {@link SolrBulkWriter} and sends its rows (id, path, label, signature) in batches by
 * concurrent update requests, retried as the factory's options say; the driver checks first that
 * the collection is empty and has the table's dimension, commits once when every partition is
 * stored, and checks that the collection then holds exactly the table's rows. A retried task
 * sends its rows again, which replaces them (stored once). The table never passes through the
 * driver. Progress: Spark's tasks (its UI and listeners), and each partition logs its count on
 * its executor when stored. Needs {@code cbir-solr} on the class path (optional in this module). Stateless.
 */
public final class SolrTableLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SolrTableLoader.class);

    private SolrTableLoader() {
    }

    /**
     * Loads {@code table} (as {@link SignatureTable#read} returns it), whose pipeline is
     * {@code blueprint}, into {@code factory}'s collection.
     *
     * @return the number of documents in the collection after the load
     * @throws org.cbir.solr.SolrIndexException naming the collection and hosts if it is missing,
     *     not empty, of another dimension, or refuses or stops answering
     * @throws IllegalStateException if the collection holds another number of documents than
     *     the table has rows after the load (ids repeated in the table)
     */
    public static long load(Dataset<Row> table, PipelineBlueprint blueprint, SolrIndexFactory factory) {
        RetrievalPipeline pipeline = blueprint.restore();
        int dimension = pipeline.dimension();
        try (SolrIndex empty = factory.create(dimension, pipeline.similarity())) {
            LOG.info("loading a signature table into {}", empty.target());
        }
        Map<String, String> spec = new HashMap<>(factory.spec().parameters());
        long started = System.nanoTime();
        long rows = table.count();
        table.foreachPartition((ForeachPartitionFunction<Row>) partition -> write(spec, dimension, partition));
        long stored = SolrBulkWriter.commit(factory);
        if (stored != rows) {
            throw new IllegalStateException(factory.target() + " holds " + stored + " documents after loading a table"
                    + " of " + rows + " rows: are ids repeated in the table?");
        }
        LOG.info("loaded {} rows into {} in {} ms", rows, factory.target(), (System.nanoTime() - started) / 1_000_000);
        return stored;
    }

    private static void write(Map<String, String> spec, int dimension, Iterator<Row> rows) {
        SolrIndexFactory factory = SolrIndexFactory.fromSpec(new ComponentSpec(SolrIndexFactory.TYPE, spec));
        long written = 0;
        try (SolrBulkWriter writer = SolrBulkWriter.open(factory, dimension)) {
            while (rows.hasNext()) {
                Row row = rows.next();
                writer.add(new ImageRecord(row.getLong(0), row.getString(1), row.isNullAt(2) ? null : row.getString(2)),
                        SignatureTable.vector(row, 3));
                written++;
            }
        }
        TaskContext task = TaskContext.get();
        LOG.info("partition {} (attempt {}): stored {} rows in {}", task == null ? -1 : task.partitionId(),
                task == null ? 0 : task.attemptNumber(), written, factory.target());
    }
}
