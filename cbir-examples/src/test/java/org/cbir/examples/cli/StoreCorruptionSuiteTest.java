package org.cbir.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.cbir.cli.ComponentChoices;
import org.cbir.core.QueryResult;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.io.InvalidFileException;
import org.cbir.nets.lenet.LeNet;
import org.cbir.nets.lenet.LeNetOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a seeded, randomised attack on saved stores of every type (exact, int8, LSH, graph, PCA,
 * z-score, LeNet). For every file of a store: bits flipped at random offsets, random truncations,
 * and the same file taken from another store of the same shape; and the manifest edited with a
 * valid checksum. Each damaged store must be refused with an {@link InvalidFileException} naming
 * the damaged file (or the manifest that the damage contradicts), or answer exactly as the intact
 * store where the test can say why the byte is irrelevant; never another answer, an Error or a
 * hang. The seed is in every failure message.
 */
class StoreCorruptionSuiteTest {
    private static final long SEED = 20261202L;
    private static final int FLIPS_PER_FILE = 6;
    private static final int TRUNCATIONS_PER_FILE = 3;
    private static final Path DATABASE = Path.of("..", "samples", "gisaxs", "database");

    @TempDir
    Path dir;

    private record Kind(String name, RetrievalPipeline.Builder builder, boolean fit) {
    }

    private static List<Kind> kinds() {
        return List.of(
                new Kind("exact", RetrievalPipeline.builder().extractor(ComponentChoices.extractor("histogram:16")), false),
                new Kind("lsh", RetrievalPipeline.builder().extractor(ComponentChoices.extractor("histogram:16"))
                        .index(ComponentChoices.index("lsh:3")), false),
                new Kind("graph", RetrievalPipeline.builder().extractor(ComponentChoices.extractor("histogram:16"))
                        .index(ComponentChoices.index("graph")), false),
                new Kind("int8", RetrievalPipeline.builder().extractor(ComponentChoices.extractor("histogram:16"))
                        .index(ComponentChoices.index("exact:int8:3")), false),
                new Kind("pca", RetrievalPipeline.builder().extractor(ComponentChoices.extractor("histogram:16"))
                        .reducer(ComponentChoices.reducer("pca:4", "histogram:16", "cosine")), true),
                new Kind("zscore", RetrievalPipeline.builder().extractor(ComponentChoices.extractor("histogram:16"))
                        .reducer(ComponentChoices.reducer("zscore", "histogram:16", "cosine")), true),
                new Kind("lenet", RetrievalPipeline.builder().extractor(LeNet.of(LeNetOptions.builder().inputSize(16, 16)
                        .maxEpochs(1).build())), true));
    }

    /** Two disjoint collections of the same size: stores of the same shape, different content. */
    private static List<List<ImageEntry>> collections() throws IOException {
        List<ImageEntry> all = ImageCollection.fromFolder(DATABASE).entries();
        List<ImageEntry> a = new ArrayList<>();
        List<ImageEntry> b = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            (i % 2 == 0 ? a : b).add(all.get(i * all.size() / 32));
        }
        return List.of(a, b);
    }

    @Test
    void everyDamageIsRefusedNamingTheFileOrChangesNothing() throws IOException {
        Random random = new Random(SEED);
        List<List<ImageEntry>> collections = collections();
        List<Image> queries = new ArrayList<>();
        for (ImageEntry e : collections.get(0).subList(0, 3)) {
            queries.add(e.load());
        }
        int trials = 0;
        for (Kind kind : kinds()) {
            Path intact = save(kind, collections.get(0), dir.resolve(kind.name() + "-a.cbir"));
            Path other = save(kind, collections.get(1), dir.resolve(kind.name() + "-b.cbir"));
            List<String> expected = answers(RetrievalPipeline.load(intact), queries);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(intact)) {
                files = walk.filter(Files::isRegularFile).map(intact::relativize).sorted().toList();
            }
            assertTrue(files.size() >= 3, kind + ": " + files);
            for (Path file : files) {
                byte[] original = Files.readAllBytes(intact.resolve(file));
                for (int i = 0; i < FLIPS_PER_FILE; i++) {
                    byte[] damaged = original.clone();
                    int offset = random.nextInt(damaged.length);
                    int bit = random.nextInt(8);
                    damaged[offset] ^= (byte) (1 << bit);
                    String what = kind.name() + " " + file + ": bit " + bit + " of byte " + offset + " (seed " + SEED + ")";
                    boolean irrelevant = isChecksumHexCase(file, original, offset, damaged[offset]);
                    check(trial(intact, file, damaged, trials++), file, queries, expected, what, irrelevant);
                }
                for (int i = 0; i < TRUNCATIONS_PER_FILE; i++) {
                    int length = random.nextInt(original.length);
                    String what = kind.name() + " " + file + ": truncated to " + length + " bytes (seed " + SEED + ")";
                    check(trial(intact, file, java.util.Arrays.copyOf(original, length), trials++), file, queries,
                            expected, what, false);
                }
                if (Files.isRegularFile(other.resolve(file))) {
                    String what = kind.name() + " " + file + ": taken from another store of the same shape";
                    check(trial(intact, file, Files.readAllBytes(other.resolve(file)), trials++), file, queries,
                            expected, what, false);
                }
            }
            String manifest = Files.readString(intact.resolve("manifest.txt"));
            String edited = manifest.replace("count = 16", "count = 15");
            Path trial = trial(intact, Path.of("manifest.txt"), rewriteChecksum(edited), trials++);
            check(trial, Path.of("manifest.txt"), queries, expected, kind.name() + ": manifest edited with a valid checksum",
                    false);
        }
        assertTrue(trials > 100, "trials " + trials);
    }

    private static Path save(Kind kind, List<ImageEntry> entries, Path target) throws IOException {
        RetrievalPipeline pipeline = kind.builder().threads(1).build();
        ImageCollection collection = ImageCollection.of(entries);
        if (kind.fit()) {
            pipeline.fit(collection);
        }
        pipeline.addAll(collection);
        pipeline.save(target);
        return target;
    }

    private Path trial(Path intact, Path file, byte[] content, int number) throws IOException {
        Path copy = dir.resolve("trial-" + number);
        try (Stream<Path> walk = Files.walk(intact)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(intact.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.write(copy.resolve(file.toString()), content);
        return copy;
    }

    private static void check(Path store, Path file, List<Image> queries, List<String> expected, String what,
            boolean mayLoad) throws IOException {
        try {
            List<String> got = answers(RetrievalPipeline.load(store), queries);
            if (!mayLoad) {
                fail(what + ": loaded (answers " + (got.equals(expected) ? "unchanged" : "CHANGED") + ")");
            }
            assertEquals(expected, got, what);
        } catch (InvalidFileException e) {
            Path named = e.file();
            // the damaged file itself, or the manifest whose count or digest the damage contradicts
            // the damaged file itself, or the manifest whose count or digest the damage contradicts; a
            // manifest of another save is caught at the first file whose save id it contradicts
            boolean manifestOfAnotherSave = file.toString().equals("manifest.txt") && e.getMessage().contains("another save");
            assertTrue(named != null && (named.equals(store.resolve(file.toString()))
                    || named.equals(store.resolve("manifest.txt")) || manifestOfAnotherSave), what + ": " + e.getMessage());
            assertTrue(e.getMessage().startsWith(named.toString()), what + ": " + e.getMessage());
        } finally {
            deleteTree(store);
        }
    }

    /** A flip that only changes the case of a hex digit of the manifest's checksum line, which is read case-blind. */
    private static boolean isChecksumHexCase(Path file, byte[] original, int offset, byte flipped) {
        if (!file.toString().equals("manifest.txt")) {
            return false;
        }
        String text = new String(original, StandardCharsets.UTF_8);
        int line = text.lastIndexOf("checksum = ");
        char before = (char) original[offset];
        return offset > line + 10 && Character.isLetter(before) && Character.toLowerCase((char) flipped)
                == Character.toLowerCase(before) && Character.digit(before, 16) >= 0;
    }

    private static byte[] rewriteChecksum(String manifest) {
        String body = manifest.substring(0, manifest.lastIndexOf("checksum = "));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        crc.update(bytes);
        return (body + String.format(java.util.Locale.ROOT, "checksum = %08x%n", crc.getValue()))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> answers(RetrievalPipeline pipeline, List<Image> queries) {
        List<String> answers = new ArrayList<>();
        for (Image q : queries) {
            QueryResult r = pipeline.query(q, 5);
            answers.add(r.matches().toString());
        }
        return answers;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
