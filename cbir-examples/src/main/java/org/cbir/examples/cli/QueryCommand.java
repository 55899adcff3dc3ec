package org.cbir.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cbir.cli.ComponentChoices;
import org.cbir.cli.JsonResults;
import org.cbir.cli.ResultPrinter;
import org.cbir.core.QueryResult;
import org.cbir.core.RecordFilter;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.image.Images;
import org.cbir.eval.sheet.ResultSheet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Queries a saved store with images or folders of images. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Find the images of a saved store most similar to each query; the store decides the extractor and metric.")
final class QueryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STORE", description = "A store written by `cbir index`.")
    Path store;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "QUERY",
            description = "Query images, or folders of them (a folder's sub-folders give the queries' true labels).")
    List<Path> queries;

    @Option(names = {"-k", "--results"}, defaultValue = "10", description = "Matches per query (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--sheet", paramLabel = "PNG", description = "Also write a result sheet: queries and their framed matches.")
    Path sheet;

    @Option(names = "--json", description = "Print the results as JSON instead of tables.")
    boolean json;

    @Mixin
    WhereOption where;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ComponentChoices.results(k, "-k");
        RecordFilter filter = where.filter();
        RetrievalPipeline pipeline = RetrievalPipeline.load(store);
        List<JsonResults.Entry> results = new ArrayList<>();
        List<ResultSheet.Row> rows = new ArrayList<>();
        for (Path query : queries) {
            List<ImageEntry> entries = Files.isDirectory(query) ? ImageCollection.fromFolder(query).entries()
                    : List.of(new ImageEntry.File(query, null));
            for (ImageEntry entry : entries) {
                Image image = entry instanceof ImageEntry.File f ? Images.read(f.path()) : entry.load();
                QueryResult result = pipeline.query(image, k, filter);
                results.add(new JsonResults.Entry(entry.name(), entry.label(), result));
                if (sheet != null) {
                    rows.add(new ResultSheet.Row(entry.name(), image, entry.label(), result));
                }
            }
        }
        if (json) {
            out.println(JsonResults.toJson(results));
        } else {
            ResultPrinter printer = new ResultPrinter(out);
            results.forEach(r -> printer.print(r.query(), r.label(), r.result()));
            printer.summary();
        }
        if (sheet != null) {
            ResultSheet.builder().maxMatches(k).build().write(rows, sheet);
            if (!json) {
                out.printf("result sheet: %s%n", sheet);
            }
        }
        out.flush();
        return 0;
    }
}
