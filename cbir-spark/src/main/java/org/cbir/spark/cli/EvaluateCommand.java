package org.cbir.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cbir.cli.ComponentChoices;
import org.cbir.cli.ConsoleProgress;
import org.cbir.cli.SearchOptions;
import org.cbir.core.RetrievalPipeline;
import org.cbir.eval.EvaluationReport;
import org.cbir.spark.DistributedEvaluation;
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

/** Evaluates retrieval on a labelled collection, or on a signature table, with the queries on the executors. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measure MAP and k-accuracy as `cbir evaluate` does (same split, seed and report): a seeded, stratified",
            "share of each class fits on the driver, the rest is extracted on the executors and each image queried against",
            "the others there. Given a signature table instead of a collection, its rows are evaluated as they are."})
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "COLLECTION",
            description = "Folder of images (label = sub-folder), CSV of path,label, or a signature table.")
    String collection;

    @Option(names = "--split", defaultValue = "0.1",
            description = "Share of each class used only for fitting (default: ${DEFAULT-VALUE}; 0 with no reducer).")
    double split;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ks", split = ",", defaultValue = "1,5,10,20,all", paramLabel = "K",
            description = "The k of k-accuracy; 'all' is the size of the query's class, Ω (default: ${DEFAULT-VALUE}).")
    List<String> ks;

    @Option(names = {"-o", "--out"}, defaultValue = "evaluation", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--table", paramLabel = "TABLE", description = "Also keep the evaluated part's signature table here.")
    String keepTable;

    @Mixin
    SearchOptions options;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        SparkSession spark = sparkOptions.session("evaluate");
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        DistributedEvaluation.Settings settings = new DistributedEvaluation.Settings(split, seed,
                ComponentChoices.cutoffs(ks));
        EvaluationReport report;
        long start = System.nanoTime();
        org.apache.hadoop.fs.Path blueprintFile = new org.apache.hadoop.fs.Path(collection, PipelineBlueprint.FILE_NAME);
        if (blueprintFile.getFileSystem(hadoop).exists(blueprintFile)) {
            Dataset<Row> rows = SignatureTable.read(spark, collection);
            int n = (int) rows.count();
            report = DistributedEvaluation.evaluate(rows, SignatureTable.blueprint(spark, collection),
                    new DistributedEvaluation.Settings(0, seed, settings.cutoffs()), n, 0, 0, start);
        } else {
            report = evaluateCollection(spark, hadoop, settings, start);
        }
        Files.createDirectories(out);
        report.writeMarkdown(out.resolve("report.md"));
        report.writeCsv(out);
        console.println(report.toMarkdown());
        console.printf("wrote %s%n", out.toAbsolutePath());
        console.flush();
        return 0;
    }

    private EvaluationReport evaluateCollection(SparkSession spark, Configuration hadoop,
                                                DistributedEvaluation.Settings settings, long start) throws IOException {
        ConsoleProgress progress = ConsoleProgress.onStandardError(spec.commandLine().getErr());
        List<ListedImage> images = ImageListing.list(collection, hadoop);
        List<ListedImage> fitting = List.of();
        List<ListedImage> evaluated = images;
        if (split > 0) {
            List<List<ListedImage>> parts = ImageListing.split(images, split, seed);
            fitting = parts.get(0);
            evaluated = parts.get(1);
        }
        RetrievalPipeline pipeline = FittedPipelines.fitted(options, fitting, true, hadoop, progress);
        PipelineBlueprint blueprint = PipelineBlueprint.of(pipeline);
        DistributedExtraction.Result result = DistributedExtraction.run(spark, pipeline, blueprint, evaluated,
                ImageListing.sources(collection, images, hadoop), progress);
        if (keepTable != null) {
            SignatureTable.write(spark, result, blueprint, keepTable);
        }
        result.skipped().forEach(s -> spec.commandLine().getErr().printf("cbir-spark: skipped %s: %s%n", s.path(),
                s.reason()));
        return DistributedEvaluation.evaluate(result.table(), blueprint, settings, images.size(), fitting.size(),
                result.skipped().size(), start);
    }
}
