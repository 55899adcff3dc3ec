package org.cbir.spark.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSH;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSHModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.cbir.cli.ComponentChoices;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.ProgressListener;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.Similarity;
import org.cbir.core.collection.ImageCollection;
import org.cbir.metrics.Similarities;
import org.cbir.spark.BatchSearch;
import org.cbir.spark.DistributedExtraction;
import org.cbir.spark.ImageListing;
import org.cbir.spark.ListedImage;
import org.cbir.spark.PipelineBlueprint;

/**
 * The Spark rows of BENCHMARKS.md, each against the single-machine path in the same run:
 * <pre>
 * search N D [QUERIES [LSH_QUERIES]]  batch top-10 over N x D seeded Gaussian signatures (cosine):
 *                                     BatchSearch in the session's master vs one ExactScanIndex.searchAll;
 *                                     then MLlib's BucketedRandomProjectionLSH (Euclidean), one job per query
 * extract SAMPLES EXTRACTOR           the GISAXS database: DistributedExtraction vs addAll (2 threads);
 *                                     a trained extractor (lenet) is fitted first on 10% (seed 42), untimed
 * </pre>
 * Run with the shaded jar: {@code java -Xmx10g --add-modules jdk.incubator.vector -cp
 * cbir-spark/target/cbir-spark.jar org.cbir.spark.bench.SparkBenchmarks search 1000000 16}.
 * An application: it prints its results.
 */
public final class SparkBenchmarks {
    private static final int K = 10;
    private static final long SEED = 20261202L;

    private SparkBenchmarks() {
    }

    public static void main(String[] args) throws IOException {
        SparkSession spark = SparkSession.builder().master(System.getProperty("master", "local[2]"))
                .appName("cbir-spark benchmarks").config("spark.ui.enabled", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        try {
            switch (args[0]) {
                case "search" -> search(spark, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                        args.length > 3 ? Integer.parseInt(args[3]) : 1000, args.length > 4 ? Integer.parseInt(args[4]) : 10);
                case "extract" -> extract(spark, Path.of(args[1]), args[2]);
                default -> throw new IllegalArgumentException("search N D [QUERIES [LSH_QUERIES]] | extract SAMPLES EXTRACTOR");
            }
        } finally {
            spark.stop();
        }
    }

    /** Row {@code id}'s signature: the same wherever it is generated. */
    static float[] vector(long id, int dimension) {
        Random random = new Random(SEED * 1_000_003L + id);
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static void search(SparkSession spark, int n, int dimension, int queryCount, int lshQueries) {
        List<float[]> queries = new ArrayList<>(queryCount);
        for (int q = 0; q < queryCount; q++) {
            queries.add(vector(-1 - q, dimension));
        }
        Similarity cosine = Similarity.cosine();
        long t0 = System.nanoTime();
        Index single = IndexFactory.exact().create(dimension, cosine);
        for (long id = 0; id < n; id++) {
            single.add(id, vector(id, dimension));
        }
        double build = seconds(t0);
        single.searchAll(queries.subList(0, Math.min(50, queryCount)), K);
        t0 = System.nanoTime();
        List<List<Neighbor>> expected = single.searchAll(queries, K);
        double singleSeconds = seconds(t0);

        int partitions = spark.sparkContext().defaultParallelism() * 2;
        StructType schema = new StructType(new StructField[] {
            new StructField("id", DataTypes.LongType, false, Metadata.empty()),
            new StructField("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false, Metadata.empty())});
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(ranges(n, partitions), partitions)
                .flatMap(range -> {
                    List<Row> out = new ArrayList<>((int) (range[1] - range[0]));
                    for (long id = range[0]; id < range[1]; id++) {
                        out.add(RowFactory.create(id, vector(id, dimension)));
                    }
                    return out.iterator();
                });
        t0 = System.nanoTime();
        Dataset<Row> table = spark.createDataFrame(rows, schema).persist(StorageLevel.MEMORY_AND_DISK());
        table.count();
        double load = seconds(t0);
        BatchSearch.search(table, queries.subList(0, Math.min(50, queryCount)), K, IndexFactory.exact(), cosine);
        t0 = System.nanoTime();
        List<List<Neighbor>> found = BatchSearch.search(table, queries, K, IndexFactory.exact(), cosine);
        double sparkSeconds = seconds(t0);
        int identical = 0;
        for (int q = 0; q < queryCount; q++) {
            identical += expected.get(q).equals(found.get(q)) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "search n=%d d=%d queries=%d partitions=%d master=%s%n", n, dimension, queryCount,
                partitions, spark.sparkContext().master());
        System.out.printf(Locale.ROOT, "  single-machine exact: build %.1f s, %d queries %.2f s (%.2f ms/query)%n", build,
                queryCount, singleSeconds, 1000 * singleSeconds / queryCount);
        System.out.printf(Locale.ROOT, "  spark batch exact:    load+cache %.1f s, %d queries %.2f s (%.2f ms/query), identical %d/%d%n",
                load, queryCount, sparkSeconds, 1000 * sparkSeconds / queryCount, identical, queryCount);
        lsh(spark, table, queries.subList(0, lshQueries), dimension, n);
        table.unpersist();
    }

    /** MLlib's LSH: Euclidean only, one job per query; recall against the exact Euclidean top 10. */
    private static void lsh(SparkSession spark, Dataset<Row> table, List<float[]> queries, int dimension, int n) {
        Similarity euclidean = Similarities.byName("euclidean");
        Index exact = IndexFactory.exact().create(dimension, euclidean);
        for (long id = 0; id < n; id++) {
            exact.add(id, vector(id, dimension));
        }
        StructType schema = new StructType(new StructField[] {
            new StructField("id", DataTypes.LongType, false, Metadata.empty()),
            new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())});
        JavaRDD<Row> rows = table.javaRDD().map(r -> RowFactory.create(r.getLong(0), Vectors.dense(doubles(
                org.cbir.spark.SignatureTable.vector(r, 1)))));
        Dataset<Row> features = spark.createDataFrame(rows, schema).persist(StorageLevel.MEMORY_AND_DISK());
        features.count();
        long t0 = System.nanoTime();
        BucketedRandomProjectionLSHModel model = new BucketedRandomProjectionLSH().setBucketLength(2.0)
                .setNumHashTables(3).setInputCol("features").setOutputCol("hashes").setSeed(SEED).fit(features);
        Dataset<Row> hashed = model.transform(features).persist(StorageLevel.MEMORY_AND_DISK());
        hashed.count();
        double fit = seconds(t0);
        double recall = 0;
        t0 = System.nanoTime();
        for (float[] query : queries) {
            List<Row> near = model.approxNearestNeighbors(hashed, Vectors.dense(doubles(query)), K).select("id").collectAsList();
            List<Long> truth = exact.search(query, K).stream().map(Neighbor::id).toList();
            recall += near.stream().filter(r -> truth.contains(r.getLong(0))).count() / (double) K;
        }
        double perQuery = seconds(t0) / queries.size();
        System.out.printf(Locale.ROOT, "  mllib BucketedRandomProjectionLSH (bucket 2.0, 3 tables, Euclidean): fit+hash %.1f s,"
                + " %.2f s/query over %d queries (one job each), recall@10 %.3f%n", fit, perQuery, queries.size(),
                recall / queries.size());
        hashed.unpersist();
        features.unpersist();
    }

    private static void extract(SparkSession spark, Path samples, String extractor) throws IOException {
        Path database = samples.resolve("gisaxs").resolve("database");
        ImageCollection collection = ImageCollection.fromFolder(database);
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(ComponentChoices.extractor(extractor))
                .threads(2).build();
        if (ComponentChoices.extractor(extractor).isTrainable()) {
            pipeline.fit(collection.split(0.1, 42).train());
        }
        RetrievalPipeline single = pipeline.emptyCopy();
        single.addAll(collection.split(0.1, 42).train());
        single = pipeline.emptyCopy();
        long t0 = System.nanoTime();
        single.addAll(collection);
        double addAll = seconds(t0);
        PipelineBlueprint blueprint = PipelineBlueprint.of(pipeline);
        List<ListedImage> listed = ImageListing.list(database.toString(), spark.sparkContext().hadoopConfiguration());
        List<String> sources = ImageListing.sources(database.toString(), listed, spark.sparkContext().hadoopConfiguration());
        DistributedExtraction.run(spark, pipeline, blueprint, listed.subList(0, 200), sources, ProgressListener.NONE)
                .table().count();
        t0 = System.nanoTime();
        DistributedExtraction.Result result = DistributedExtraction.run(spark, pipeline, blueprint, listed, sources,
                ProgressListener.NONE);
        long rows = result.table().count();
        double spark2 = seconds(t0);
        System.out.printf(Locale.ROOT, "extract %s: %d images; addAll (2 threads) %.1f s = %.0f images/s;"
                + " spark %s %.1f s = %.0f images/s (%d rows, %d partitions)%n", extractor, collection.size(), addAll,
                collection.size() / addAll, spark.sparkContext().master(), spark2, rows / spark2, rows,
                result.table().javaRDD().getNumPartitions());
    }

    private static List<long[]> ranges(long n, int parts) {
        List<long[]> ranges = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            ranges.add(new long[] {n * p / parts, n * (p + 1) / parts});
        }
        return ranges;
    }

    private static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
