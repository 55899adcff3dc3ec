package org.cbir.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.cbir.cli.ConsoleProgress;
import org.cbir.cli.SearchOptions;
import org.cbir.core.RetrievalPipeline;
import org.cbir.spark.DistributedExtraction;
import org.cbir.spark.ImageListing;
import org.cbir.spark.ListedImage;
import org.cbir.spark.PipelineBlueprint;
import org.cbir.spark.SignatureTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Extracts a collection on the cluster into a signature table. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extract the signatures of a collection (folder or CSV, on any Hadoop file system) on the executors",
            "into a Parquet signature table; what needs fitting is fitted on the driver first, as `cbir index` does."})
final class ExtractCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "COLLECTION",
            description = "Folder of images (label = sub-folder) or CSV of path,label; a local path or a Hadoop URI.")
    String collection;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "TABLE", description = "The table to write (must not exist).")
    String out;

    @Option(names = "--pipeline", paramLabel = "STORE",
            description = "Take the fitted pipeline (extractor, reducer, metric, index) of this saved store instead of the options.")
    Path pipelineStore;

    @Option(names = "--fit-sample", defaultValue = "1", paramLabel = "SHARE",
            description = "Share of each class that fitting (a CNN, PCA, z-score) reads on the driver; 1 reads all, as"
                    + " `cbir index` (default: ${DEFAULT-VALUE}).")
    double fitSample;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the fitting sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    SearchOptions options;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        ConsoleProgress progress = ConsoleProgress.onStandardError(spec.commandLine().getErr());
        SparkSession spark = sparkOptions.session("extract");
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<ListedImage> images = ImageListing.list(collection, hadoop);
        RetrievalPipeline pipeline;
        if (pipelineStore != null) {
            pipeline = RetrievalPipeline.load(pipelineStore).emptyCopy();
        } else {
            List<ListedImage> fitting = fitSample >= 1 ? images : ImageListing.split(images, fitSample, seed).get(0);
            pipeline = FittedPipelines.fitted(options, fitting, false, hadoop, progress);
        }
        PipelineBlueprint blueprint = PipelineBlueprint.of(pipeline);
        long start = System.nanoTime();
        DistributedExtraction.Result result = DistributedExtraction.run(spark, pipeline, blueprint, images,
                ImageListing.sources(collection, images, hadoop), progress);
        SignatureTable.write(spark, result, blueprint, out);
        result.skipped().forEach(s -> console.printf("skipped %s: %s%n", s.path(), s.reason()));
        console.printf(Locale.ROOT, "extracted %d images (%d skipped) in %d ms with %s%nwrote %s%n",
                images.size() - result.skipped().size(), result.skipped().size(),
                (System.nanoTime() - start) / 1_000_000, pipeline.describe(), out);
        console.flush();
        return 0;
    }
}
