package org.cbir.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.cbir.core.IndexingReport.SkippedImage;
import org.cbir.core.ProgressListener;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.image.Image;
import org.cbir.core.image.ImageReadException;
import org.cbir.core.image.Images;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the signatures of a listed collection on Spark's executors into a
 * {@link SignatureTable}. Files are read with Spark's {@code binaryFile} source (any Hadoop file
 * system), partitioned for many small files ({@link SmallFilePartitioning}); each partition
 * decodes its images with {@link Images#read(byte[], String)}, the decoding of a local file, and
 * extracts them in batches with the pipeline that {@link PipelineBlueprint#restore()} rebuilds
 * once per executor JVM, so signatures are bit-identical to a single machine's.
 *
 * <p>An image that cannot be read or used is skipped, counted and listed, never fatal. Ids are
 * given afterwards, in collection order among the usable images, as
 * {@link RetrievalPipeline#addAll} gives them: the table's ids are a single-machine store's.
 * Progress is reported every two seconds as images finish (Spark reports a task's count when
 * the task ends). Thread-safe: each call runs its own jobs.
 */
public final class DistributedExtraction {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedExtraction.class);
    /** Images decoded before a batch is extracted; a CNN runs one forward pass per batch. */
    private static final int BATCH = 32;
    private static final int TASKS_PER_CORE = 4;
    static final String STAGE = "extracting";

    private DistributedExtraction() {
    }

    /**
     * The outcome of an extraction.
     *
     * @param table one row per usable image (see {@link SignatureTable}), cached
     * @param skipped the unusable images, in collection order, with the reason
     */
    public record Result(Dataset<Row> table, List<SkippedImage> skipped) {
        public Result {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Extracts {@code images}, which {@code sources} (folders, searched recursively, or files)
     * hold, with the pipeline of {@code blueprint}.
     *
     * @param pipeline the pipeline the blueprint was made of (for the table's metadata)
     */
    public static Result run(SparkSession spark, RetrievalPipeline pipeline, PipelineBlueprint blueprint,
                             List<ListedImage> images, List<String> sources, ProgressListener progress)
            throws IOException {
        Objects.requireNonNull(progress, "progress");
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to extract");
        }
        SmallFilePartitioning.configure(spark, images, TASKS_PER_CORE);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Map<String, ListedImage> byLocation = new HashMap<>();
        for (ListedImage image : images) {
            byLocation.put(image.location(), image);
        }
        Broadcast<Map<String, ListedImage>> listing = context.broadcast(byLocation);
        Broadcast<PipelineBlueprint> shipped = context.broadcast(blueprint);
        LongAccumulator done = spark.sparkContext().longAccumulator("cbir images extracted");
        Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                .load(sources.toArray(String[]::new)).select("path", "content");
        JavaRDD<ExtractedImage> extracted = files.javaRDD()
                .mapPartitions(rows -> extractPartition(rows, listing.value(), shipped.value(), done))
                .persist(StorageLevel.MEMORY_AND_DISK());
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cbir-spark-progress");
            t.setDaemon(true);
            return t;
        });
        progress.onProgress(STAGE, 0, images.size());
        reporter.scheduleAtFixedRate(() -> progress.onProgress(STAGE, done.value(), images.size()), 2, 2, TimeUnit.SECONDS);
        List<ExtractedImage> failed;
        int[] usable;
        try {
            failed = extracted.filter(e -> e.vector() == null).collect();
            usable = extracted.filter(e -> e.vector() != null).map(e -> e.image().position()).collect()
                    .stream().mapToInt(Integer::intValue).sorted().toArray();
        } finally {
            reporter.shutdownNow();
        }
        progress.onProgress(STAGE, images.size(), images.size());
        List<SkippedImage> skipped = skipped(images, failed, usable);
        Broadcast<int[]> ids = context.broadcast(usable);
        JavaRDD<Row> rows = extracted.filter(e -> e.vector() != null).map(e -> RowFactory.create(
                (long) Arrays.binarySearch(ids.value(), e.image().position()), e.image().name(), e.image().label(),
                e.vector()));
        Dataset<Row> table = spark.createDataFrame(rows, SignatureTable.schema(pipeline, blueprint));
        LOG.info("extracted {} of {} images ({} skipped)", usable.length, images.size(), skipped.size());
        return new Result(table, skipped);
    }

    /** The failed images and the listed ones Spark did not read (such as names starting with '_'). */
    private static List<SkippedImage> skipped(List<ListedImage> images, List<ExtractedImage> failed, int[] usable) {
        boolean[] seen = new boolean[images.size()];
        Map<Integer, String> problems = new HashMap<>();
        for (int position : usable) {
            seen[position] = true;
        }
        for (ExtractedImage e : failed) {
            seen[e.image().position()] = true;
            problems.put(e.image().position(), e.problem());
        }
        List<SkippedImage> skipped = new ArrayList<>();
        for (ListedImage image : images) {
            if (!seen[image.position()]) {
                skipped.add(new SkippedImage(image.name(), "not read by Spark's binaryFile source"));
            } else if (problems.containsKey(image.position())) {
                skipped.add(new SkippedImage(image.name(), problems.get(image.position())));
            }
        }
        return skipped;
    }

    private static Iterator<ExtractedImage> extractPartition(Iterator<Row> rows, Map<String, ListedImage> listing,
                                                             PipelineBlueprint blueprint, LongAccumulator done) {
        RetrievalPipeline pipeline = blueprint.restore();
        List<ExtractedImage> out = new ArrayList<>();
        List<ListedImage> pending = new ArrayList<>(BATCH);
        List<Image> decoded = new ArrayList<>(BATCH);
        while (rows.hasNext()) {
            Row row = rows.next();
            ListedImage image = listing.get(new org.apache.hadoop.fs.Path(row.getString(0)).toString());
            if (image == null) {
                continue;
            }
            try {
                decoded.add(Images.read((byte[]) row.get(1), image.name()));
                pending.add(image);
            } catch (ImageReadException e) {
                out.add(new ExtractedImage(image, null, e.getMessage()));
                done.add(1);
            }
            if (decoded.size() == BATCH) {
                extractBatch(pipeline, pending, decoded, out, done);
            }
        }
        extractBatch(pipeline, pending, decoded, out, done);
        return out.iterator();
    }

    private static void extractBatch(RetrievalPipeline pipeline, List<ListedImage> pending, List<Image> decoded,
                                     List<ExtractedImage> out, LongAccumulator done) {
        if (decoded.isEmpty()) {
            return;
        }
        try {
            List<float[]> signatures = pipeline.signatures(decoded);
            for (int i = 0; i < decoded.size(); i++) {
                out.add(new ExtractedImage(pending.get(i), signatures.get(i), null));
            }
        } catch (IllegalArgumentException batchFailed) {
            for (int i = 0; i < decoded.size(); i++) {
                try {
                    out.add(new ExtractedImage(pending.get(i), pipeline.signature(decoded.get(i)), null));
                } catch (IllegalArgumentException e) {
                    out.add(new ExtractedImage(pending.get(i), null, pending.get(i).name() + ": " + e.getMessage()));
                }
            }
        }
        done.add(decoded.size());
        pending.clear();
        decoded.clear();
    }
}
