package org.cbir.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.cbir.core.RetrievalPipeline;
import org.cbir.spark.SignatureTable;
import org.cbir.spark.StoreBridge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes a signature table as a single-machine store, or as one store per partition. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Save a signature table as a store that `cbir query` serves, or with --shards as one store per",
            "partition in a folder every executor reaches (a shared file system)."})
final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TABLE", description = "A table written by `cbir-spark extract`.")
    String table;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "STORE",
            description = "The store to write (an empty or absent folder, or an earlier store), or the shards' folder.")
    Path out;

    @Option(names = "--shards", description = "One store per partition of the table, shard-00000.cbir and so on.")
    boolean shards;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        SparkSession spark = sparkOptions.session("export");
        var rows = SignatureTable.read(spark, table);
        var blueprint = SignatureTable.blueprint(spark, table);
        if (shards) {
            List<Path> written = StoreBridge.toShards(rows, blueprint, out);
            console.printf("wrote %d shards to %s%n", written.size(), out);
        } else {
            RetrievalPipeline store = StoreBridge.toStore(rows, blueprint, out);
            console.printf("saved %d images to %s (%s)%n", store.size(), out, store.describe());
        }
        console.flush();
        return 0;
    }
}
