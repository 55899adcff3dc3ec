package org.cbir.spark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cbir.core.RetrievalPipeline;
import org.cbir.eval.Cutoff;
import org.cbir.eval.Evaluation;
import org.cbir.eval.EvaluationReport;
import org.cbir.eval.EvaluationSlice;

/**
 * MAP, k-accuracy, the precision and recall curves and the confusion matrices of a signature
 * table, each image queried against all the others (leave-one-out), with the queries spread over
 * the executors: the table is broadcast, each executor JVM indexes it once in the table's
 * pipeline, every task scores a contiguous range of queries with
 * {@link Evaluation#runIndexedSlice}, and the driver {@linkplain Evaluation#join joins} the
 * ranges in query order, so the report equals {@link Evaluation} on one machine.
 *
 * <p>Every query ranks the whole table (MAP needs every relevant image's rank): O(n^2) work, as
 * on one machine, now divided by the cluster's cores; the table must fit in each executor's
 * memory (2,000 x 200 floats: 1.6 MB). Thread-safe.
 */
public final class DistributedEvaluation {
    /** The one indexed table an executor JVM keeps, by broadcast id. */
    private static final AtomicReference<Indexed> INDEXED = new AtomicReference<>();

    private record Indexed(long broadcast, RetrievalPipeline pipeline) {
    }

    /**
     * The settings of a distributed evaluation, as {@link Evaluation.Builder} takes them.
     *
     * @param fitFraction the share set aside for fitting before extraction (recorded in the report)
     * @param seed the split's seed (recorded)
     * @param cutoffs the k of the k-accuracy
     */
    public record Settings(double fitFraction, long seed, List<Cutoff> cutoffs) implements java.io.Serializable {
        public Settings {
            cutoffs = List.copyOf(cutoffs);
        }

        /** The evaluation of {@code threads} query threads (recorded in the report). */
        Evaluation evaluation(RetrievalPipeline pipeline, int threads) {
            return Evaluation.builder().pipeline(() -> pipeline).fitFraction(fitFraction).seed(seed).cutoffs(cutoffs)
                    .threads(threads).build();
        }
    }

    private DistributedEvaluation() {
    }

    /**
     * Evaluates {@code table}, whose signatures {@code blueprint}'s pipeline made.
     *
     * @param collection images of the collection (fitting part included)
     * @param fitting images set aside for fitting
     * @param skipped evaluated images that could not be used (not in the table)
     * @param start when the evaluation began ({@link System#nanoTime()}), for the report's elapsed time
     * @throws IllegalArgumentException if a row has no label, or the table has fewer than two rows
     */
    public static EvaluationReport evaluate(Dataset<Row> table, PipelineBlueprint blueprint, Settings settings,
                                            int collection, int fitting, int skipped, long start) {
        Objects.requireNonNull(settings, "settings");
        JavaSparkContext context = JavaSparkContext.fromSparkContext(table.sparkSession().sparkContext());
        SignatureRows rows = SignatureRows.collect(table);
        int n = rows.size();
        Broadcast<SignatureRows> shipped = context.broadcast(rows);
        Broadcast<PipelineBlueprint> pipeline = context.broadcast(blueprint);
        int slices = Math.max(1, Math.min(n, context.defaultParallelism() * 4));
        List<int[]> ranges = new ArrayList<>(slices);
        for (int s = 0; s < slices; s++) {
            ranges.add(new int[] {(int) ((long) n * s / slices), (int) ((long) n * (s + 1) / slices)});
        }
        List<EvaluationSlice> scored = context.parallelize(ranges, slices).map(range -> {
            RetrievalPipeline indexed = indexed(shipped, pipeline.value());
            return settings.evaluation(indexed, 1).runIndexedSlice(indexed, range[0], range[1]);
        }).collect();
        RetrievalPipeline driverSide = blueprint.restore();
        return settings.evaluation(driverSide, context.defaultParallelism()).join(scored, driverSide.describe(), collection, fitting, n + skipped,
                skipped, Duration.ofNanos(System.nanoTime() - start));
    }

    private static RetrievalPipeline indexed(Broadcast<SignatureRows> rows, PipelineBlueprint blueprint) {
        Indexed current = INDEXED.get();
        if (current != null && current.broadcast() == rows.id()) {
            return current.pipeline();
        }
        synchronized (INDEXED) {
            current = INDEXED.get();
            if (current == null || current.broadcast() != rows.id()) {
                current = new Indexed(rows.id(), rows.value().addTo(blueprint.restore().emptyCopy()));
                INDEXED.set(current);
            }
            return current.pipeline();
        }
    }
}
