package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.GraphicsEnvironment;
import org.cbir.examples.cli.CliRun;
import org.junit.jupiter.api.Test;

/** {@code cbir gui} on the command line; never opens a window. */
class GuiCommandTest {

    private static String[] run(String... args) {
        CliRun run = CliRun.of(args);
        return new String[] {Integer.toString(run.exitCode()), run.out(), run.err()};
    }

    @Test
    void guiIsASubcommandWithHelp() {
        String[] help = run("help", "gui");
        assertEquals("0", help[0], help[2]);
        assertTrue(help[1].contains("--database") && help[1].contains("desktop window"), help[1]);
    }

    @Test
    void withoutADisplayItSaysSoInOneLine() {
        assumeTrue(GraphicsEnvironment.isHeadless(), "a display is present: the command would open a window");
        String[] run = run("gui");
        assertEquals("1", run[0]);
        assertTrue(run[2].startsWith("cbir: cbir gui needs a display"), run[2]);
    }
}
