package org.cbir.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cbir.core.IndexingReport;
import org.cbir.core.QueryResult;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Indexes a bundled sample collection and prints the top matches of its queries. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Index the bundled GISAXS samples and print the top matches of each query.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--samples", defaultValue = "samples/gisaxs",
            description = "A folder with database/ and query/ sub-folders, one folder per class (default: ${DEFAULT-VALUE}).")
    Path samples;

    @Mixin
    SearchOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path database = samples.resolve("database");
        Path queries = samples.resolve("query");
        if (!Files.isDirectory(database) || !Files.isDirectory(queries)) {
            throw new IllegalArgumentException(samples.toAbsolutePath() + " has no database/ and query/ folders;"
                    + " run the demo from the project root or pass --samples");
        }
        RetrievalPipeline pipeline = options.pipeline().build();
        ImageCollection collection = ImageCollection.fromFolder(database);
        ConsoleProgress progress = ConsoleProgress.onStandardError(spec.commandLine().getErr());
        if (options.needsFit()) {
            pipeline.fit(collection, progress);
        }
        IndexingReport report = pipeline.addAll(collection, progress);
        out.printf(Locale.ROOT, "indexed %d images of %s (%d classes, %d skipped) in %d ms with %s%n",
                report.added(), database, collection.labels().size(), report.skippedCount(),
                report.elapsed().toMillis(), pipeline.describe());
        ResultPrinter printer = new ResultPrinter(out);
        long start = System.nanoTime();
        int count = 0;
        for (ImageEntry query : ImageCollection.fromFolder(queries)) {
            QueryResult result = pipeline.query(query.load(), options.k);
            printer.print(query.name(), query.label(), result);
            count++;
        }
        printer.summary();
        out.printf(Locale.ROOT, "%d queries in %.1f ms%n", count, (System.nanoTime() - start) / 1e6);
        out.flush();
        return 0;
    }
}
