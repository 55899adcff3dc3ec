package org.cbir.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One in-process run of the {@code cbir} command line, with its exit code and what it printed
 * on standard output and standard error.
 */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code cbir args...} as the launcher would, capturing both streams. */
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CbirCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
