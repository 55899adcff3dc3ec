package org.cbir.spark.cli;

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
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.image.Images;
import org.cbir.spark.ShardedStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Queries the shard stores that {@code export --shards} wrote to a shared file system, as one
 * store: every shard answers each query's top k and the matches are merged by distance, then id
 * ({@link ShardedStore}). Needs no Spark session: it runs wherever the shards' folder is mounted.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Find the images most similar to each query in the shard stores of `export --shards`: every shard",
            "answers, the top k of all are merged by distance then id; as `cbir query` on one store of all the images."})
final class QueryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SHARDS", description = "The folder of shard-NNNNN.cbir stores (`export --shards`).")
    Path shards;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "QUERY",
            description = "Query images, or folders of them (a folder's sub-folders give the queries' true labels).")
    List<Path> queries;

    @Option(names = {"-k", "--results"}, defaultValue = "10", description = "Matches per query (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print the results as JSON (the form of `cbir query --json`) instead of tables.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ComponentChoices.results(k, "-k");
        ShardedStore store = ShardedStore.open(shards);
        List<JsonResults.Entry> results = new ArrayList<>();
        for (Path query : queries) {
            List<ImageEntry> entries = Files.isDirectory(query) ? ImageCollection.fromFolder(query).entries()
                    : List.of(new ImageEntry.File(query, null));
            for (ImageEntry entry : entries) {
                Image image = entry instanceof ImageEntry.File f ? Images.read(f.path()) : entry.load();
                results.add(new JsonResults.Entry(entry.name(), entry.label(), store.query(image, k)));
            }
        }
        if (json) {
            out.println(JsonResults.toJson(results));
        } else {
            ResultPrinter printer = new ResultPrinter(out);
            results.forEach(r -> printer.print(r.query(), r.label(), r.result()));
            printer.summary();
        }
        out.flush();
        return 0;
    }
}
