package org.cbir.spark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code cbir-spark}: the {@code cbir} commands for collections past one machine, on Apache
 * Spark. {@code java -jar cbir-spark.jar COMMAND --master 'local[*]' ...} on a laptop (the jar
 * bundles Spark), or {@code spark-submit --class org.cbir.spark.cli.CbirSparkCommand
 * cbir-spark.jar COMMAND ...} on a cluster.
 */
@Command(name = "cbir-spark", mixinStandardHelpOptions = true, version = "cbir-spark 0.1.0-SNAPSHOT",
        description = "Distributed extraction, batch search and evaluation of cbir signature tables on Apache Spark.",
        subcommands = {ExtractCommand.class, SearchCommand.class, EvaluateCommand.class, ExportCommand.class, QueryCommand.class,
            ImportCommand.class, SolrLoadCommand.class, CommandLine.HelpCommand.class})
public final class CbirSparkCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show the stack trace of an error.")
    boolean verbose;

    /** The log4j 2 configuration of the command line, unless one was given. */
    static final String LOGGING = "classpath:org/cbir/spark/cli/log4j2-cli.properties";

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOGGING);
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line: an error is one line and exit code 1 (the stack trace with --verbose). */
    public static CommandLine commandLine() {
        CbirSparkCommand root = new CbirSparkCommand();
        CommandLine cli = new CommandLine(root);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("cbir-spark: " + (e.getMessage() != null ? e.getMessage() : e));
            if (root.verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
