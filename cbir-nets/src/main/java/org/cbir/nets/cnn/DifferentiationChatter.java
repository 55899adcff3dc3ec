package org.cbir.nets.cnn;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Keeps one known line of Deeplearning4j 1.0.0-M2.1 off standard output: SameDiff prints
 * "Added differentiated op NAME" to {@code System.out} for every operation when it first builds
 * the gradient of a SameDiff layer (our {@link EmbeddingLossLayer}s), which would litter an
 * application's console. {@link #silenced} runs an action with {@code System.out} replaced by a
 * stream that drops exactly those lines and passes every other line on. Thread-safe: swaps are
 * serialised, and other threads' output is forwarded meanwhile.
 */
final class DifferentiationChatter {
    private static final String PREFIX = "Added differentiated op";

    private DifferentiationChatter() {
    }

    /** Runs {@code action} with SameDiff's differentiation lines dropped from standard output. */
    static synchronized void silenced(Runnable action) {
        PrintStream original = System.out;
        Charset charset = Charset.defaultCharset();
        PrintStream filter = new PrintStream(new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                flushLines();
            }

            @Override
            public synchronized void write(int b) {
                super.write(b);
                flushLines();
            }

            private void flushLines() {
                String text = toString(charset);
                int end;
                while ((end = text.indexOf('\n')) >= 0) {
                    String line = text.substring(0, end + 1);
                    if (!line.startsWith(PREFIX)) {
                        original.print(line);
                    }
                    text = text.substring(end + 1);
                }
                reset();
                byte[] rest = text.getBytes(charset);
                super.write(rest, 0, rest.length);
            }
        }, true, charset);
        System.setOut(filter);
        try {
            action.run();
        } finally {
            System.setOut(original);
            filter.flush();
        }
    }
}
