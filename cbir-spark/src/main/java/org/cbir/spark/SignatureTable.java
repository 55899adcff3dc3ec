package org.cbir.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SaveMode;
import org.cbir.core.IndexingReport.SkippedImage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cbir.core.RetrievalPipeline;

/**
 * The signature table: Parquet files of one row per image,
 * <pre>
 * id     long    the id a single-machine store gives the image (its place among the usable
 *                images, in collection order)
 * path   string  the image's name, as cbir shows it
 * label  string  its class label, or null
 * vector array&lt;float&gt;  its signature (extracted, then reduced)
 * </pre>
 * The {@code vector} column's metadata records the pipeline that produced the signatures
 * ({@code cbir.extractor}, {@code cbir.similarity}, {@code cbir.index}: each spec as text;
 * {@code cbir.pipeline.description}, all parts with the reducer; {@code cbir.dimension};
 * {@code cbir.pipeline}, the
 * {@linkplain PipelineBlueprint#id() id} of the blueprint), and the blueprint itself, with any
 * trained state, lies beside the Parquet files in {@value PipelineBlueprint#FILE_NAME} (Spark's
 * readers skip names that start with '_'), so that a table can be searched with new query images,
 * exported to a store, or extended.
 */
public final class SignatureTable {
    static final String ID = "id";
    static final String PATH = "path";
    static final String LABEL = "label";
    static final String VECTOR = "vector";
    private static final String PIPELINE_KEY = "cbir.pipeline";
    /** The list of skipped images beside a table's Parquet files. */
    public static final String SKIPPED = "_skipped.tsv";

    private SignatureTable() {
    }

    /** The table's schema, with the pipeline's specs on the vector column. */
    static StructType schema(RetrievalPipeline pipeline, PipelineBlueprint blueprint) {
        MetadataBuilder metadata = new MetadataBuilder()
                .putString("cbir.extractor", pipeline.extractor().spec().toString())
                .putString("cbir.similarity", pipeline.similarity().spec().toString())
                .putString("cbir.index", pipeline.indexFactory().spec().toString())
                .putString("cbir.pipeline.description", pipeline.describe())
                .putLong("cbir.dimension", pipeline.dimension())
                .putString(PIPELINE_KEY, blueprint.id());
        return schema(metadata.build());
    }

    private static StructType schema(Metadata vectorMetadata) {
        return new StructType(new StructField[] {
            new StructField(ID, DataTypes.LongType, false, Metadata.empty()),
            new StructField(PATH, DataTypes.StringType, false, Metadata.empty()),
            new StructField(LABEL, DataTypes.StringType, true, Metadata.empty()),
            new StructField(VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), false, vectorMetadata),
        });
    }

    /**
     * The rows of the table at {@code path}.
     *
     * @throws IllegalArgumentException naming the path if it is not a cbir signature table
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        Dataset<Row> table = spark.read().parquet(path);
        StructType schema = table.schema();
        for (String column : List.of(ID, PATH, LABEL, VECTOR)) {
            if (!List.of(schema.fieldNames()).contains(column)) {
                throw new IllegalArgumentException(path + " is not a cbir signature table: it has no column '"
                        + column + "' (columns: " + String.join(", ", schema.fieldNames()) + ")");
            }
        }
        if (!schema.apply(VECTOR).metadata().contains(PIPELINE_KEY)) {
            throw new IllegalArgumentException(path + " is not a cbir signature table: its vector column does not"
                    + " record the pipeline that made it");
        }
        return table.select(ID, PATH, LABEL, VECTOR);
    }

    /**
     * The pipeline that produced the table at {@code path}, checked against the table's record of it.
     *
     * @throws IOException if the blueprint is missing, or belongs to another table
     */
    public static PipelineBlueprint blueprint(SparkSession spark, String path) throws IOException {
        Dataset<Row> table = read(spark, path);
        PipelineBlueprint blueprint = PipelineBlueprint.read(new Path(path, PipelineBlueprint.FILE_NAME),
                spark.sparkContext().hadoopConfiguration());
        String recorded = table.schema().apply(VECTOR).metadata().getString(PIPELINE_KEY);
        if (!recorded.equals(blueprint.id())) {
            throw new IOException(new Path(path, PipelineBlueprint.FILE_NAME) + " is not the pipeline of the table "
                    + path + " (the table records " + recorded + ", the file is " + blueprint.id() + ")");
        }
        return blueprint;
    }

    /**
     * Writes an extraction's table to {@code path} (which must not exist: nothing is ever
     * overwritten), its blueprint beside it and, when images were skipped, {@code _skipped.tsv}
     * (path, tab, reason).
     *
     * @throws IllegalArgumentException if {@code path} exists
     */
    public static void write(SparkSession spark, DistributedExtraction.Result result, PipelineBlueprint blueprint,
                             String path) throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Path root = new Path(path);
        FileSystem fs = root.getFileSystem(hadoop);
        if (fs.exists(root)) {
            throw new IllegalArgumentException(path + " exists: give a new path for the signature table"
                    + " (cbir-spark never overwrites)");
        }
        result.table().write().mode(SaveMode.ErrorIfExists).parquet(path);
        blueprint.write(new Path(root, PipelineBlueprint.FILE_NAME), hadoop);
        if (!result.skipped().isEmpty()) {
            try (FSDataOutputStream out = fs.create(new Path(root, SKIPPED), false)) {
                StringBuilder tsv = new StringBuilder();
                for (SkippedImage s : result.skipped()) {
                    tsv.append(s.path()).append('\t').append(s.reason().replace('\n', ' ').replace('\t', ' ')).append('\n');
                }
                out.write(tsv.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The signature of a table row. */
    public static float[] vector(Row row, int column) {
        List<Float> values = row.getList(column);
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
        }
        return vector;
    }

    /** The spec text a table records for a role ({@code "extractor"}, {@code "similarity"}, ...). */
    static String recorded(Dataset<Row> table, String role) {
        Metadata metadata = table.schema().apply(VECTOR).metadata();
        String key = "cbir." + role;
        return metadata.contains(key) ? metadata.getString(key) : null;
    }
}
