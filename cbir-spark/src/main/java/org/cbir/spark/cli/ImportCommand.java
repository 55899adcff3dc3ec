package org.cbir.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.cbir.spark.StoreBridge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes a single-machine store as a signature table. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turn a store written by `cbir index` into a signature table, to search or evaluate it on the cluster.")
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STORE", description = "A store written by `cbir index`.")
    Path store;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "TABLE", description = "The table to write (must not exist).")
    String out;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        StoreBridge.fromStore(sparkOptions.session("import"), store, out);
        console.printf("wrote %s%n", out);
        console.flush();
        return 0;
    }
}
