package org.cbir.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cbir.cli.ConsoleProgress;
import org.cbir.cli.ResultPrinter;
import org.cbir.cli.SearchOptions;
import org.cbir.core.IndexingReport;
import org.cbir.core.RecordFilter;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** Searches a database (a folder, a CSV, or a saved store) with query images. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Find the images of a database most similar to each query.")
final class SearchCommand implements Callable<Integer> {

    @Option(names = {"-d", "--database"},
            description = "Folder of images (label = sub-folder) or CSV of path,label (a header may name metadata columns) to index.")
    Path database;

    @Option(names = "--load", description = "A saved store (from --save) to search instead of indexing a database.")
    Path load;

    @Option(names = "--save", description = "Save the indexed store to this directory.")
    Path save;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "Query images, or folders of them.")
    Path[] queries;

    @Mixin
    SearchOptions options;

    @Mixin
    WhereOption where;

    @Spec
    CommandSpec spec;

    /** With {@code --load} the store decides the components: options that would choose them are refused, not ignored. */
    private void refuseOptionsAStoreDecides() {
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : new String[] {"--database", "--extractor", "--metric", "--reducer", "--index"}) {
            if (parsed.hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + " cannot be combined with --load: the saved store "
                        + load + " decides its extractor, reducer, index and metric (and its images)");
            }
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        int k = options.k();
        RecordFilter filter = where.filter();
        RetrievalPipeline pipeline;
        if (load != null) {
            refuseOptionsAStoreDecides();
            pipeline = RetrievalPipeline.load(load);
            out.printf(Locale.ROOT, "loaded %d images from %s (%s)%n", pipeline.size(), load, pipeline.describe());
        } else if (database != null) {
            pipeline = options.pipeline().build();
            ImageCollection collection = ImageCollection.read(database);
            ConsoleProgress progress = ConsoleProgress.onStandardError(spec.commandLine().getErr());
            if (options.needsFit()) {
                pipeline.fit(collection, progress);
            }
            IndexingReport report = pipeline.addAll(collection, progress);
            out.printf(Locale.ROOT, "indexed %d images (%d skipped) in %d ms%n", report.added(),
                    report.skippedCount(), report.elapsed().toMillis());
            report.skipped().forEach(s -> out.printf("  skipped %s: %s%n", s.path(), s.reason()));
            out.flush();
            IndexingFailure.requireSomethingIndexed(report, database, save);
        } else {
            throw new IllegalArgumentException("give a database to index (--database) or a saved store (--load)");
        }
        if (save != null) {
            pipeline.save(save);
            out.printf("saved to %s%n", save);
        }
        ResultPrinter printer = new ResultPrinter(out);
        for (Path query : queries) {
            if (Files.isDirectory(query)) {
                for (ImageEntry entry : ImageCollection.fromFolder(query)) {
                    printer.print(entry.name(), entry.label(), pipeline.query(entry.load(), k, filter));
                }
            } else {
                printer.print(query.toString(), null, pipeline.query(org.cbir.core.image.Images.read(query), k, filter));
            }
        }
        printer.summary();
        out.flush();
        return 0;
    }
}
