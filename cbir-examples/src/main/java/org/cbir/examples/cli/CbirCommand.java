package org.cbir.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cbir}: reverse image search for scientific images, from the command line. */
@Command(name = "cbir", mixinStandardHelpOptions = true, version = "cbir 0.1.0-SNAPSHOT",
        description = "Reverse image search for scientific images.",
        subcommands = {DemoCommand.class, IndexCommand.class, QueryCommand.class, TrainCommand.class, SearchCommand.class,
            EvaluateCommand.class, LabelCommand.class, GroupCommand.class, DuplicatesCommand.class, SolrCommand.class,
            org.cbir.examples.gui.GuiCommand.class, CommandLine.HelpCommand.class})
public final class CbirCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show the stack trace of an error.")
    boolean verbose;

    public static void main(String[] args) {
        JulRouting.install();
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line: an error is one clear line and exit code 1 (with the stack
     * trace under {@code --verbose}); a bad option is picocli's message and exit code 2.
     */
    public static CommandLine commandLine() {
        CbirCommand root = new CbirCommand();
        CommandLine cli = new CommandLine(root);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("cbir: " + message(e));
            if (root.verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return 1;
        });
        return cli;
    }

    private static String message(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            // A reason that names the file says more (e.g. where missing CNN weights come from).
            String reason = missing.getReason();
            return reason != null && missing.getFile() != null && reason.contains(missing.getFile()) ? reason
                    : "no such file or folder: " + missing.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        return org.cbir.core.io.InvalidFileException.printable(e.getMessage() != null ? e.getMessage() : e.toString());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
