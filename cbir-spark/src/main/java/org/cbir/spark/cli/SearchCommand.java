package org.cbir.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cbir.cli.ComponentChoices;
import org.cbir.cli.ConsoleProgress;
import org.cbir.cli.JsonResults;
import org.cbir.cli.ResultPrinter;
import org.cbir.core.IndexFactory;
import org.cbir.core.Match;
import org.cbir.core.Neighbor;
import org.cbir.core.QueryResult;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.Similarity;
import org.cbir.spark.BatchSearch;
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

/** Searches a signature table with many query images at once. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Find the rows of a signature table most similar to each query image: queries are extracted on the",
            "executors with the table's pipeline, every partition answers them all, the driver merges; as `cbir query`."})
final class SearchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TABLE", description = "A table written by `cbir-spark extract`.")
    String table;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "QUERY",
            description = "Query images, or folders of them (a folder's sub-folders give the queries' true labels).")
    List<String> queries;

    @Option(names = {"-k", "--results"}, defaultValue = "10", description = "Matches per query (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print the results as JSON (the form of `cbir query --json`) instead of tables.")
    boolean json;

    @Option(names = {"-i", "--index"}, paramLabel = "INDEX", completionCandidates = ComponentChoices.IndexChoices.class,
            description = "Index each partition builds: ${COMPLETION-CANDIDATES} (default: the table's).")
    String index;

    @Option(names = {"-m", "--metric"}, paramLabel = "METRIC", description = "Distance (default: the table's).")
    String metric;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SparkSession spark = sparkOptions.session("search");
        Dataset<Row> rows = SignatureTable.read(spark, table);
        PipelineBlueprint blueprint = SignatureTable.blueprint(spark, table);
        RetrievalPipeline pipeline = blueprint.restore();
        List<ListedImage> listed = ImageListing.listQueries(queries, spark.sparkContext().hadoopConfiguration());
        DistributedExtraction.Result extracted = DistributedExtraction.run(spark, pipeline, blueprint, listed,
                listed.stream().map(ListedImage::location).distinct().toList(),
                ConsoleProgress.onStandardError(spec.commandLine().getErr()));
        extracted.skipped().forEach(s -> spec.commandLine().getErr().printf("cbir-spark: query %s skipped: %s%n",
                s.path(), s.reason()));
        List<Row> queryRows = extracted.table().orderBy("id").collectAsList();
        List<float[]> signatures = new ArrayList<>(queryRows.size());
        for (Row row : queryRows) {
            signatures.add(SignatureTable.vector(row, 3));
        }
        IndexFactory factory = index == null ? pipeline.indexFactory() : ComponentChoices.index(index);
        Similarity similarity = metric == null ? pipeline.similarity() : ComponentChoices.metric(metric);
        List<List<Neighbor>> found = BatchSearch.search(rows, signatures, k, factory, similarity);
        Map<Long, Row> records = records(rows, found);
        List<JsonResults.Entry> results = new ArrayList<>(found.size());
        for (int q = 0; q < found.size(); q++) {
            List<Match> matches = new ArrayList<>();
            for (Neighbor n : found.get(q)) {
                Row r = records.get(n.id());
                matches.add(new Match(matches.size() + 1, n.id(), r.getString(1), r.isNullAt(2) ? null : r.getString(2),
                        n.distance()));
            }
            Row query = queryRows.get(q);
            results.add(new JsonResults.Entry(query.getString(1), query.isNullAt(2) ? null : query.getString(2),
                    QueryResult.of(matches)));
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

    /** The id, path and label of every row the results name. */
    private static Map<Long, Row> records(Dataset<Row> rows, List<List<Neighbor>> found) {
        List<Long> ids = found.stream().flatMap(List::stream).map(Neighbor::id).distinct().toList();
        Map<Long, Row> records = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Row r : rows.select("id", "path", "label").where(org.apache.spark.sql.functions.col("id")
                    .isin(ids.toArray())).collectAsList()) {
                records.put(r.getLong(0), r);
            }
        }
        return records;
    }
}
