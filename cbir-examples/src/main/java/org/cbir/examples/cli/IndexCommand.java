package org.cbir.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cbir.cli.ConsoleProgress;
import org.cbir.cli.SearchOptions;
import org.cbir.core.IndexingReport;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Extracts and indexes a collection and saves the store. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index a collection (folder or CSV) and save the store for `cbir query`.")
final class IndexCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "COLLECTION", description = "Folder of images (label = sub-folder) or CSV of path,label.")
    Path collection;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "STORE", description = "The store directory to write.")
    Path store;

    @Mixin
    SearchOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ConsoleProgress progress = ConsoleProgress.onStandardError(spec.commandLine().getErr());
        ImageCollection images = ImageCollection.read(collection);
        RetrievalPipeline pipeline = options.pipeline().build();
        if (options.needsFit()) {
            pipeline.fit(images, progress);
        }
        IndexingReport report = pipeline.addAll(images, progress);
        report.skipped().forEach(s -> out.printf("skipped %s: %s%n", s.path(), s.reason()));
        out.flush();
        IndexingFailure.requireSomethingIndexed(report, collection, store);
        pipeline.save(store);
        out.printf("indexed %d images (%d skipped) in %d ms with %s%nsaved to %s%n", report.added(),
                report.skippedCount(), report.elapsed().toMillis(), pipeline.describe(), store);
        out.flush();
        return 0;
    }
}
