package org.cbir.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cbir}: reverse image search for scientific images, from the command line. */
@Command(name = "cbir", mixinStandardHelpOptions = true, version = "cbir 0.1.0-SNAPSHOT",
        description = "Reverse image search for scientific images.",
        subcommands = {DemoCommand.class, SearchCommand.class, EvaluateCommand.class, org.cbir.examples.gui.GuiCommand.class,
            CommandLine.HelpCommand.class})
public final class CbirCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, with errors shown as one clear line instead of a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CbirCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("cbir: " + e.getMessage());
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
