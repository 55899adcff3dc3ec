package org.cbir.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cbir.core.collection.ImageCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code cbir train} in-process on the bundled GISAXS samples (200 images, 4 classes of 50). */
class TrainCommandTest {
    private static final Path DATABASE = Path.of("..", "samples", "gisaxs", "database");

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void lenetTrainsOnTheSplitIndexesTheRestAndTheStoreAnswersQueries(@TempDir Path dir) throws IOException {
        Path store = dir.resolve("lenet.cbir");
        CliRun trained = run("train", DATABASE.toString(), "-o", store.toString(), "--epochs", "2", "--input-size", "16",
                "--split", "0.1", "--seed", "42", "-m", "euclidean");
        assertEquals(0, trained.exitCode(), trained.err());
        // 10% of each class of 50 trains (5 x 4 = 20), the other 180 are indexed.
        assertTrue(trained.out().contains("trained lenet on 20 images of 4 classes in "), trained.out());
        assertTrue(trained.out().contains(", 2 epochs"), trained.out());
        assertTrue(trained.out().contains("indexed 180 images (0 skipped)"), trained.out());
        assertTrue(trained.out().contains("similarity=euclidean"), trained.out());
        assertTrue(trained.out().contains("saved to " + store), trained.out());
        assertTrue(Files.isRegularFile(store.resolve("manifest.txt")));

        // An indexed image is its own nearest neighbour, at distance 0.
        Path indexed = Path.of(ImageCollection.read(DATABASE).split(0.1, 42).test().entries().get(0).name());
        CliRun queried = run("query", store.toString(), indexed.toString(), "-k", "3", "--json");
        assertEquals(0, queried.exitCode(), queried.err());
        Matcher first = Pattern.compile("\\{\"rank\": 1, \"id\": \\d+, \"path\": \"([^\"]+)\", \"label\": \"[^\"]+\","
                + " \"distance\": ([-0-9.eE]+)").matcher(queried.out());
        assertTrue(first.find(), queried.out());
        assertTrue(first.group(1).endsWith(indexed.getFileName().toString()), queried.out());
        assertEquals(0.0, Double.parseDouble(first.group(2)), 1e-4, queried.out());
        assertEquals(3, queried.out().split("\"rank\": ").length - 1, queried.out());
    }

    @Test
    void aZooNetworkWithoutItsWeightsFileIsOneLineNamingTheFile(@TempDir Path dir) {
        Path weights = dir.resolve("resnet50_dl4j_inference.v3.zip");
        CliRun run = run("train", DATABASE.toString(), "-o", dir.resolve("s.cbir").toString(), "--net", "resnet50",
                "--weights", weights.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("cbir: no ImageNet weights for resnet50"), run.err());
        assertTrue(run.err().contains(weights.toString()), run.err());
        assertTrue(Files.notExists(dir.resolve("s.cbir")));
    }

    /** The message is {@code InceptionResNetV2.fromKerasH5}'s: the file and how Keras makes it. */
    @Test
    void inceptionResNetV2WithoutItsWeightsFileIsOneLineNamingTheFileAndHowToGetIt(@TempDir Path dir) {
        Path weights = dir.resolve("inception_resnet_v2_weights_tf_dim_ordering_tf_kernels_notop.h5");
        String[] args = {"train", DATABASE.toString(), "-o", dir.resolve("s.cbir").toString(), "--net",
            "inception-resnet-v2", "--weights", weights.toString(), "--input-size", "75"};
        for (String[] call : List.of(args, append(args, "--fine-tune"))) {
            CliRun run = run(call);
            assertEquals(1, run.exitCode(), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().startsWith("cbir: no Keras Inception-ResNet-v2 weights file"), run.err());
            assertTrue(run.err().contains(weights.toString()), run.err());
            assertTrue(run.err().contains("keras.applications.InceptionResNetV2(weights='imagenet')"), run.err());
        }
        CliRun small = run("train", DATABASE.toString(), "-o", dir.resolve("s.cbir").toString(), "--net",
                "inception-resnet-v2", "--weights", weights.toString(), "--input-size", "74");
        assertEquals(1, small.exitCode(), small.err());
        assertTrue(small.err().startsWith("cbir: Inception-ResNet-v2 input must be at least 75"), small.err());
        CliRun zoo = run("train", DATABASE.toString(), "-o", dir.resolve("s.cbir").toString(), "--net", "resnet50",
                "--input-size", "100");
        assertEquals(1, zoo.exitCode(), zoo.err());
        assertTrue(zoo.err().startsWith("cbir: --input-size applies to --net lenet and inception-resnet-v2 only"),
                zoo.err());
        assertTrue(Files.notExists(dir.resolve("s.cbir")));
        assertTrue(run("train", "--help").out().contains("inception-resnet-v2"));
    }

    private static String[] append(String[] args, String last) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    @Test
    void lenetOnlyOptionsAreRefusedForAZooNetwork(@TempDir Path dir) {
        CliRun run = run("train", DATABASE.toString(), "-o", dir.resolve("s.cbir").toString(), "--net", "vgg16",
                "--epochs", "3");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("--epochs applies to --net lenet only"), run.err());
        CliRun unknown = run("train", DATABASE.toString(), "-o", dir.resolve("s.cbir").toString(), "--net", "alexnet");
        assertEquals(1, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("alexnet"), unknown.err());
    }

    @Test
    void augmentTakesTheAugmentationSpecOrThePapersWhenBare(@TempDir Path dir) {
        CliRun rotations = run("train", DATABASE.toString(), "-o", dir.resolve("rot.cbir").toString(), "--epochs", "1",
                "--input-size", "16", "--augment", "rot");
        assertEquals(0, rotations.exitCode(), rotations.err());
        assertTrue(rotations.out().contains("augmentation=rot,"), rotations.out());

        CliRun paper = run("train", DATABASE.toString(), "-o", dir.resolve("paper.cbir").toString(), "--epochs", "1",
                "--input-size", "16", "--augment");
        assertEquals(0, paper.exitCode(), paper.err());
        assertTrue(paper.out().contains("augmentation=7/14/20+rot,"), paper.out());

        CliRun bad = run("train", DATABASE.toString(), "-o", dir.resolve("bad.cbir").toString(), "--augment", "7/x");
        assertEquals(1, bad.exitCode(), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("--augment: not an augmentation"), bad.err());
        assertTrue(bad.err().contains("7/x"), bad.err());
        assertTrue(Files.notExists(dir.resolve("bad.cbir")));
    }
}
