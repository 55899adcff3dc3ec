package org.cbir.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cbir.core.collection.ImageCollection;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code cbir train --fine-tune} in-process on the bundled samples: a LeNet trained on the
 * fiber cross-sections (a store made by {@code cbir train --net lenet}) fine-tuned on the GISAXS
 * patterns, a zoo network (SqueezeNet with random weights in a local file, as nothing downloads)
 * fine-tuned on a few GISAXS images, and the user errors of the fine-tuning options.
 */
class FineTuneCommandTest {
    private static final Path SAMPLES = Path.of("..", "samples");
    private static final Path GISAXS = SAMPLES.resolve("gisaxs").resolve("database");

    @TempDir
    static Path shared;
    private static Path fiberStore;

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void trainALeNetOnFibers() {
        fiberStore = shared.resolve("fibers.cbir");
        CliRun trained = run("train", SAMPLES.resolve("fibers_small").resolve("database").toString(), "--net", "lenet",
                "--epochs", "2", "--input-size", "16", "--split", "0.2", "-o", fiberStore.toString());
        assertEquals(0, trained.exitCode(), trained.err());
    }

    @Test
    void theLeNetOfAStoreIsFineTunedOnTheNewClassesIndexedAndSaved() throws IOException {
        Path store = dir.resolve("gisaxs.cbir");
        CliRun tuned = run("train", GISAXS.toString(), "--net", "lenet", "--fine-tune", "--base", fiberStore.toString(),
                "--epochs", "3", "--seed", "42", "-o", store.toString());
        assertEquals(0, tuned.exitCode(), tuned.err());
        assertTrue(tuned.out().contains("fine-tuned lenet (frozen up to pool_2, signature dense_last) on 20 images of"
                + " 4 classes in "), tuned.out());
        assertTrue(tuned.out().contains(", 3 epochs"), tuned.out());
        Matcher losses = Pattern.compile("loss per epoch: (\\d+\\.\\d{4}) (\\d+\\.\\d{4}) (\\d+\\.\\d{4})\\n")
                .matcher(tuned.out());
        assertTrue(losses.find(), tuned.out());
        assertTrue(tuned.out().contains("indexed 180 images (0 skipped)"), tuned.out());
        assertTrue(tuned.out().contains("fine-tuned(augmentation=none, base=lenet"), tuned.out());
        String manifest = Files.readString(store.resolve("manifest.txt"));
        assertTrue(manifest.contains("extractor.type = fine-tuned"), manifest);
        assertTrue(Files.isRegularFile(store.resolve("extractor").resolve("fine-tuned.model")));

        Path indexed = Path.of(ImageCollection.read(GISAXS).split(0.1, 42).test().entries().get(0).name());
        CliRun queried = run("query", store.toString(), indexed.toString(), "-k", "1", "--json");
        assertEquals(0, queried.exitCode(), queried.err());
        assertTrue(queried.out().contains(indexed.getFileName().toString()), queried.out());
    }

    @Test
    void aZooNetworkFromALocalWeightsFileIsFineTuned() throws IOException {
        Path weights = dir.resolve("squeezenet.zip");
        ModelSerializer.writeModel(SqueezeNet.builder().numClasses(1000).seed(3).build().init(), weights.toFile(), false);
        Path tiny = dir.resolve("tiny");
        for (String label : List.of("bcc", "fcc100")) {
            Files.createDirectories(tiny.resolve(label));
            try (Stream<Path> files = Files.list(GISAXS.resolve(label)).sorted().limit(3)) {
                for (Path f : files.toList()) {
                    Files.copy(f, tiny.resolve(label).resolve(f.getFileName()));
                }
            }
        }
        Path store = dir.resolve("squeezenet.cbir");
        CliRun tuned = run("train", tiny.toString(), "--net", "squeezenet", "--weights", weights.toString(), "--fine-tune",
                "--freeze-up-to", "fire8", "--epochs", "1", "--split", "0.34", "-o", store.toString());
        assertEquals(0, tuned.exitCode(), tuned.err());
        assertTrue(tuned.out().contains("fine-tuned squeezenet (frozen up to fire8, signature fire9) on 2 images of"
                + " 2 classes in "), tuned.out());
        assertTrue(Pattern.compile("loss per epoch: \\d+\\.\\d{4}\\n").matcher(tuned.out()).find(), tuned.out());
        assertTrue(tuned.out().contains("indexed 4 images (0 skipped)"), tuned.out());
        Files.delete(weights);
        CliRun queried = run("query", store.toString(), tiny.resolve("bcc").toString(), "-k", "1");
        assertEquals(0, queried.exitCode(), queried.err());
    }

    @Test
    void userErrorsAreOneLineAndExitCodeOne() {
        String out = dir.resolve("s.cbir").toString();
        assertError(run("train", GISAXS.toString(), "--net", "lenet", "--fine-tune", "-o", out),
                "cbir: --net lenet --fine-tune needs --base STORE");
        assertError(run("train", GISAXS.toString(), "--freeze-up-to", "pool_2", "-o", out),
                "cbir: --freeze-up-to applies to --fine-tune only");
        assertError(run("train", GISAXS.toString(), "--net", "squeezenet", "--fine-tune", "--base",
                fiberStore.toString(), "-o", out), "cbir: --base applies to --net lenet");
        assertError(run("train", GISAXS.toString(), "--fine-tune", "--base", dir.resolve("absent.cbir").toString(),
                "-o", out), "cbir: no such file or folder");
        assertError(run("train", GISAXS.toString(), "--fine-tune", "--base", fiberStore.toString(), "--freeze-up-to",
                "conv_9", "-o", out), "cbir: the lenet network has no layer 'conv_9' to freeze up to");
        assertError(run("train", GISAXS.toString(), "--fine-tune", "--base", fiberStore.toString(), "--input-size",
                "32", "-o", out), "cbir: --input-size does not apply to --fine-tune");
        Path descriptorStore = dir.resolve("fos.cbir");
        assertEquals(0, run("index", GISAXS.toString(), "-o", descriptorStore.toString()).exitCode());
        assertError(run("train", GISAXS.toString(), "--fine-tune", "--base", descriptorStore.toString(), "-o", out),
                "cbir: --base " + descriptorStore + " holds no trained LeNet");
        assertTrue(Files.notExists(dir.resolve("s.cbir")));
    }

    private static void assertError(CliRun run, String start) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith(start), run.err());
    }
}
