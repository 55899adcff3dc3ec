package org.cbir.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cbir.cli.ConsoleProgress;
import org.cbir.cli.ResultPrinter;
import org.cbir.core.IndexingReport;
import org.cbir.core.QueryResult;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.Similarity;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.eval.Cutoff;
import org.cbir.eval.Evaluation;
import org.cbir.eval.EvaluationReport;
import org.cbir.eval.sheet.ResultSheet;
import org.cbir.nets.lenet.LeNet;
import org.cbir.nets.lenet.LeNetExtractor;
import org.cbir.nets.lenet.LeNetOptions;
import org.cbir.nets.train.TrainingHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one-command tour: trains a LeNet on a share of the bundled GISAXS samples (the paper's
 * protocol), indexes the rest, evaluates retrieval, answers the bundled queries, and writes the
 * report, the result sheet and the store.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train a LeNet on 10%% of the bundled GISAXS samples, index the other 90%%, evaluate retrieval"
                + " (MAP, k-accuracy) and answer the bundled queries.",
            "Writes report.md, per-class CSVs, result-sheet.png and the saved store (for `cbir query`) into --out."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--samples", defaultValue = "samples/gisaxs",
            description = "A folder with database/ and query/ sub-folders, one folder per class (default: ${DEFAULT-VALUE}).")
    Path samples;

    @Option(names = {"-o", "--out"}, defaultValue = "cbir-demo", paramLabel = "DIR",
            description = "Where the report, the sheet and the store go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--split", defaultValue = "0.1", paramLabel = "SHARE",
            description = "Share of each class LeNet trains on (default: ${DEFAULT-VALUE}).")
    double split;

    @Option(names = "--epochs", defaultValue = "40", paramLabel = "N", description = "The most training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split and the training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-k", "--results"}, defaultValue = "5", description = "Matches per query (default: ${DEFAULT-VALUE}).")
    int k;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        Path database = samples.resolve("database");
        Path queries = samples.resolve("query");
        if (!Files.isDirectory(database) || !Files.isDirectory(queries)) {
            throw new IllegalArgumentException(samples.toAbsolutePath() + " has no database/ and query/ folders;"
                    + " run the demo from the project root or pass --samples");
        }
        if (!(split > 0 && split < 1)) {
            throw new IllegalArgumentException("--split must be between 0 and 1, got " + split);
        }
        if (k < 1) {
            throw new IllegalArgumentException("-k must be at least 1, got " + k);
        }
        ConsoleProgress progress = ConsoleProgress.onStandardError(spec.commandLine().getErr());
        ImageCollection.Split parts = ImageCollection.fromFolder(database).split(split, seed);
        RetrievalPipeline pipeline = RetrievalPipeline.builder()
                .extractor(LeNet.of(LeNetOptions.builder().maxEpochs(epochs).seed(seed).build()))
                .similarity(Similarity.cosine()).build();
        pipeline.fit(parts.train(), progress);
        TrainingHistory history = ((LeNetExtractor) pipeline.extractor()).trainingHistory().orElseThrow();
        console.printf(Locale.ROOT, "trained LeNet-5 on %d images of %s in %.1f s (%d epochs, final loss %.4f)%n",
                parts.train().size(), database, history.duration().toMillis() / 1000.0, history.epochs(),
                history.finalLoss());
        IndexingReport indexed = pipeline.addAll(parts.test(), progress);
        console.printf(Locale.ROOT, "indexed %d images (%d classes, %d skipped) in %d ms%n", indexed.added(),
                parts.test().labels().size(), indexed.skippedCount(), indexed.elapsed().toMillis());

        EvaluationReport report = Evaluation.builder().pipeline(() -> pipeline)
                .cutoffs(Cutoff.of(1), Cutoff.of(5), Cutoff.of(10), Cutoff.of(20), Cutoff.classSize())
                .build().runIndexed(pipeline);
        Files.createDirectories(out);
        report.writeMarkdown(out.resolve("report.md"));
        report.writeCsv(out);
        console.printf(Locale.ROOT, "retrieval, each indexed image queried against the others: MAP %.3f,"
                + " top-1 accuracy %.3f, 10-accuracy %.3f%n", report.map(), report.kAccuracy(Cutoff.of(1)),
                report.kAccuracy(Cutoff.of(10)));

        ResultPrinter printer = new ResultPrinter(console);
        List<ResultSheet.Row> rows = new ArrayList<>();
        for (ImageEntry query : ImageCollection.fromFolder(queries)) {
            Image image = query.load();
            QueryResult result = pipeline.query(image, k);
            printer.print(query.name(), query.label(), result);
            rows.add(new ResultSheet.Row(query.name(), image, query.label(), result));
        }
        printer.summary();
        ResultSheet.builder().maxMatches(k).build().write(rows, out.resolve("result-sheet.png"));
        pipeline.save(out.resolve("store"));
        console.printf(Locale.ROOT, "%nwrote %s: report.md (MAP, k-accuracy, confusion matrices), result-sheet.png,"
                + " store/ (try: cbir query %s IMAGE)%n", out.toAbsolutePath(), out.resolve("store"));
        console.flush();
        return 0;
    }
}
