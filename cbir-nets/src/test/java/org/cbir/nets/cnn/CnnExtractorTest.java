package org.cbir.nets.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.nets.Stripes;
import org.cbir.nets.train.RandomAugmentation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Supervised and self-supervised CNN training on tiny stripe images (seed 31): repeatable, and saved and restored exactly. */
public class CnnExtractorTest {
    private static final ImageCollection TRAINING = Stripes.collection(12, 31);
    private static final List<Image> QUERIES = Stripes.images(Stripes.collection(4, 32));
    private static CnnExtractor supervised;
    private static CnnExtractor ssl;

    @TempDir
    Path dir;

    public static CnnOptions.Builder tiny(CnnOptions.Builder builder) {
        return builder.filters(4).stages(3).embedding(8).batchSize(8).maxEpochs(3).seed(5);
    }

    @BeforeAll
    static void train() {
        supervised = CompactCnn.of(tiny(CnnOptions.builder()).build()).fit(TRAINING, ProgressListener.NONE);
        ssl = CompactCnn.of(tiny(CnnOptions.simclr()).build()).fit(TRAINING, ProgressListener.NONE);
    }

    @Test
    void supervisedTrainingReportsLossAndValidationMapPerEpochAndKeepsTheBest() {
        CnnTrainingReport report = supervised.trainingReport().orElseThrow();
        assertEquals(3, report.epochs());
        assertEquals(3, report.validationMaps().size());
        double best = report.validationMaps().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(best, report.bestValidationMap());
        assertTrue(report.losses().stream().allMatch(l -> Double.isFinite(l) && l > 0), report.losses().toString());
        assertEquals(List.of("h", "v"), supervised.classes());
        assertEquals("16x16x1", supervised.inputShape());
        // the stripes' orientation is their label: the rule keeps both flips and drops the quarter turn
        assertEquals("flip+centre0.85+light0.1+noise0.02", supervised.options().augmentation().toString());
        // without labels every symmetry holds for these stripes; self-supervised views are stronger
        assertEquals("flip+turn+centre0.6+light0.4+noise0.05", ssl.options().augmentation().toString());
        assertEquals(RandomAugmentation.forSelfSupervised(16), ssl.options().augmentation());
    }

    @Test
    void signaturesAreUnitVectorsOfTheEmbeddingSize() {
        for (CnnExtractor e : List.of(supervised, ssl)) {
            for (float[] s : e.extractAll(QUERIES)) {
                assertEquals(8, s.length);
                double norm = 0;
                for (float v : s) {
                    norm += v * v;
                }
                assertEquals(1, norm, 1e-5);
            }
        }
    }

    @Test
    void trainingIsSeededAndRepeatable() {
        CnnExtractor again = CompactCnn.of(tiny(CnnOptions.builder()).build()).fit(TRAINING, ProgressListener.NONE);
        assertEquals(supervised.trainingReport().orElseThrow().losses(), again.trainingReport().orElseThrow().losses());
        assertEquals(supervised.spec(), again.spec());
        for (Image q : QUERIES) {
            assertArrayEquals(supervised.extract(q), again.extract(q));
        }
    }

    @Test
    void savedAndRestoredThroughTheProviderGiveIdenticalSignatures() throws IOException {
        for (CnnExtractor e : List.of(supervised, ssl)) {
            Path state = Files.createDirectories(dir.resolve(e.spec().type()));
            e.save(StoreDirectory.local(state));
            CnnExtractor restored = assertInstanceOf(CnnExtractor.class,
                    ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, e.spec(), StoreDirectory.local(state)));
            assertEquals(e.spec(), restored.spec());
            assertEquals(e.classes(), restored.classes());
            for (Image q : QUERIES) {
                assertArrayEquals(e.extract(q), restored.extract(q));
            }
        }
    }

    @Test
    void selfSupervisedTrainingNeedsNoLabels() {
        ImageCollection unlabelled = ImageCollection.of(TRAINING.entries().stream()
                .map(e -> new org.cbir.core.collection.ImageEntry.InMemory(e.name(), null,
                        ((org.cbir.core.collection.ImageEntry.InMemory) e).image()))
                .toList());
        CnnExtractor fromUnlabelled = CompactCnn.of(tiny(CnnOptions.simclr()).build()).fit(unlabelled, ProgressListener.NONE);
        assertEquals("ssl", fromUnlabelled.spec().type());
        assertEquals(ssl.trainingReport().orElseThrow().losses(), fromUnlabelled.trainingReport().orElseThrow().losses());
        assertTrue(fromUnlabelled.classes().isEmpty());
        for (Image q : QUERIES) {
            assertArrayEquals(ssl.extract(q), fromUnlabelled.extract(q));
        }
    }

    @Test
    void aFlippedBitInTheModelIsRefusedNamingTheFile() throws IOException {
        supervised.save(StoreDirectory.local(dir));
        Path file = dir.resolve(CnnExtractor.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, supervised.spec(), StoreDirectory.local(dir)));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aRecipeRestoresAsTheRecipeAndHasNoSignatures() throws IOException {
        CompactCnn recipe = CompactCnn.of(CnnOptions.builder().seed(3).build());
        assertTrue(recipe.isTrainable());
        assertEquals(128, recipe.dimension());
        CompactCnn restored = assertInstanceOf(CompactCnn.class,
                ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, recipe.spec(), StoreDirectory.local(dir)));
        assertEquals(recipe.options(), restored.options());
        assertFalse(supervised.isTrainable());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> restored.extract(QUERIES.get(0)));
        assertTrue(e.getMessage().contains("fit(training, progress)"), e.getMessage());
    }
}
