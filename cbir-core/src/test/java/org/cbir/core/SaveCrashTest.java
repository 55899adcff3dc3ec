package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: kills a child JVM ({@code kill -9}) at a random moment of a save over an existing
 * store, then loads the store: it must load, as the old version or the new one, answering as
 * that version does; and the next save must succeed and clean up what the crash left. Three
 * trials by default; {@code -Dcbir.crashTrials=40} for the long run ({@code -Dcbir.crashSummary=FILE}
 * writes how many trials loaded each version).
 */
class SaveCrashTest {
    private static final long SEED = 77L;
    private static final int OLD_COUNT = 5_000;
    private static final int NEW_COUNT = 5_001;
    private static final long OLD_SEED = 1;
    private static final long NEW_SEED = 2;

    @TempDir
    Path dir;

    @Test
    void aKilledSaveLeavesTheOldOrTheNewVersion() throws Exception {
        int trials = Integer.getInteger("cbir.crashTrials", 3);
        Random random = new Random(SEED);
        Path store = dir.resolve("crash.cbir");
        RetrievalPipeline old = SaveCrashChild.version(OLD_SEED, OLD_COUNT);
        RetrievalPipeline fresh = SaveCrashChild.version(NEW_SEED, NEW_COUNT);
        Image query = Image.grey(1, SaveCrashChild.DIMENSION, new float[SaveCrashChild.DIMENSION]);
        String oldAnswer = old.query(query, 3).matches().toString();
        String newAnswer = fresh.query(query, 3).matches().toString();
        old.save(store);
        long saveMillis = childSaveMillis(store); // a cold child JVM saves much slower than this warm one
        int sawOld = 0;
        int sawNew = 0;
        for (int t = 0; t < trials; t++) {
            old.save(store); // the store starts each trial as the old version
            long delay = (long) (random.nextDouble() * saveMillis * 1.3);
            boolean finished = runAndKill(store, delay);
            RetrievalPipeline loaded = RetrievalPipeline.load(store);
            String what = "trial " + t + " (seed " + SEED + ", killed " + delay + " ms into a save of about "
                    + saveMillis + " ms" + (finished ? ", after it finished" : "") + ")";
            String answer = loaded.query(query, 3).matches().toString();
            if (loaded.size() == OLD_COUNT) {
                assertEquals(oldAnswer, answer, what);
                sawOld++;
            } else {
                assertEquals(NEW_COUNT, loaded.size(), what);
                assertEquals(newAnswer, answer, what);
                sawNew++;
            }
        }
        old.save(store);
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of("crash.cbir"), siblings.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".lock")).toList(), "the next save cleans up what the crashes left");
        }
        assertEquals(trials, sawOld + sawNew);
        String summary = System.getProperty("cbir.crashSummary");
        if (summary != null) {
            Files.writeString(Path.of(summary), trials + " trials: " + sawOld + " loaded the old version, " + sawNew
                    + " the new one; a save took about " + saveMillis + " ms\n");
        }
    }

    /** How long the child takes from "saving" to its exit when it is not killed. */
    private static long childSaveMillis(Path store) throws Exception {
        Process child = startChild(store);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("saving", out.readLine(), "the child starts saving");
            long start = System.nanoTime();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ends");
            assertEquals(0, child.exitValue(), "the child's save succeeds");
            return Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } finally {
            child.destroyForcibly();
        }
    }

    private static Process startChild(Path store) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "--add-modules", "jdk.incubator.vector", SaveCrashChild.class.getName(), store.toString(),
                Long.toString(NEW_SEED), Integer.toString(NEW_COUNT))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Starts the child, waits until it starts saving, kills it {@code delay} ms later; true if it had finished. */
    private static boolean runAndKill(Path store, long delay) throws Exception {
        Process child = startChild(store);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals("saving", line, "the child starts saving");
            Thread.sleep(delay);
            boolean finished = !child.isAlive();
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child ends");
            return finished;
        } finally {
            child.destroyForcibly();
        }
    }
}
