package org.cbir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    @Test
    void paceIsARateForFastStagesAndSecondsEachForSlowOnes() {
        assertEquals("12/s", ConsoleProgress.pace(12.4));
        assertEquals("1/s", ConsoleProgress.pace(1.0));
        assertEquals("8.0 s each", ConsoleProgress.pace(0.125));
        assertEquals("0/s", ConsoleProgress.pace(0));
    }

    @Test
    void withoutATerminalALineIsWrittenAtEveryTenthOfTheWork() {
        StringWriter text = new StringWriter();
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text), false);
        for (int done = 0; done <= 30; done++) {
            progress.onProgress("training", done, 30);
        }
        String[] lines = text.toString().split("\n");
        assertEquals(11, lines.length, text.toString());
        assertTrue(lines[0].startsWith("training: 0 of 30 ("), lines[0]);
        assertTrue(lines[10].startsWith("training: 30 of 30 ("), lines[10]);
    }
}
