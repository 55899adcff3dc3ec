package org.cbir.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;

/**
 * Many queries against a {@link SignatureTable} at once: every partition of the table builds a
 * cbir index of its rows (the exact scan with cbir's kernels, an LSH Forest, a graph: any
 * {@link IndexFactory}), answers all the queries with {@link Index#searchAll}, and the driver
 * merges the partitions' top k with the tie rule of {@link Neighbor} (distance, then id). With
 * the exact index the result is the single-machine exact search's, ids and distances alike;
 * approximate indexes search each partition approximately.
 *
 * <p>Queries are broadcast (they must fit in each executor's memory: 1,000 of 128 floats are
 * half a megabyte); each partition's index lives for the call only. Thread-safe.
 */
public final class BatchSearch {

    private BatchSearch() {
    }

    /**
     * The {@code k} rows of {@code table} closest to each query, closest first.
     *
     * @param index the index each partition builds (its spec travels to the executors)
     * @param similarity the distance
     * @throws IllegalArgumentException if {@code k < 1} or a query's length is not the table's dimension
     */
    public static List<List<Neighbor>> search(Dataset<Row> table, List<float[]> queries, int k, IndexFactory index,
                                              Similarity similarity) {
        Objects.requireNonNull(queries, "queries");
        Index.requireK(k);
        if (queries.isEmpty()) {
            return List.of();
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(table.sparkSession().sparkContext());
        Broadcast<List<float[]>> shipped = context.broadcast(new ArrayList<>(queries));
        ComponentSpec indexSpec = index.spec();
        ComponentSpec similaritySpec = similarity.spec();
        int dimension = queries.get(0).length;
        List<PartialTopK> partials = table.select(SignatureTable.ID, SignatureTable.VECTOR).javaRDD()
                .mapPartitions(rows -> searchPartition(rows, shipped.value(), k, indexSpec, similaritySpec, dimension))
                .collect();
        return PartialTopK.merge(partials, queries.size(), k);
    }

    private static Iterator<PartialTopK> searchPartition(Iterator<Row> rows, List<float[]> queries, int k,
                                                         ComponentSpec indexSpec, ComponentSpec similaritySpec,
                                                         int dimension) throws Exception {
        if (!rows.hasNext()) {
            return List.<PartialTopK>of().iterator();
        }
        Similarity similarity = ComponentRegistry.standard().restore(ComponentRole.SIMILARITY, similaritySpec);
        Index index = ComponentRegistry.standard().restore(ComponentRole.INDEX, indexSpec).create(dimension, similarity);
        while (rows.hasNext()) {
            Row row = rows.next();
            index.add(row.getLong(0), SignatureTable.vector(row, 1));
        }
        return List.of(new PartialTopK(index.searchAll(queries, k))).iterator();
    }
}
