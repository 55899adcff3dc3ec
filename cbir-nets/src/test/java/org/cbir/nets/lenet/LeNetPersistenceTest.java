package org.cbir.nets.lenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.ProgressListener;
import org.cbir.core.QueryResult;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.nets.Stripes;
import org.cbir.nets.internal.MultiLayerModelFile;
import org.cbir.nets.train.Augmentation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeNetPersistenceTest {
    private static final ImageCollection TRAINING = Stripes.collection(12, 21);
    private static final List<Image> QUERIES = Stripes.images(Stripes.collection(6, 22));
    private static LeNetExtractor trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        trained = LeNet.of(LeNetOptions.builder().inputSize(Stripes.SIZE, Stripes.SIZE).batchSize(8).maxEpochs(2).seed(9)
                .augmentation(Augmentation.none()).signatureLayer("dense_1").build())
                .fit(TRAINING, ProgressListener.NONE);
    }

    @Test
    void savedAndRestoredThroughTheProviderGivesIdenticalSignatures() throws IOException {
        trained.save(StoreDirectory.local(dir));
        assertEquals(List.of(dir.resolve("lenet.model")), listFiles(dir));
        FeatureExtractor restored = ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, trained.spec(), StoreDirectory.local(dir));
        LeNetExtractor lenet = assertInstanceOf(LeNetExtractor.class, restored);
        assertFalse(lenet.isTrainable());
        assertEquals(trained.spec(), lenet.spec());
        assertEquals(trained.classes(), lenet.classes());
        assertEquals(120, lenet.dimension());
        for (Image q : QUERIES) {
            assertArrayEquals(trained.extract(q), lenet.extract(q));
        }
    }

    @Test
    void aRecipeRestoresAsTheRecipe() throws IOException {
        LeNet recipe = LeNet.of(LeNetOptions.builder().seed(4).build());
        LeNet restored = assertInstanceOf(LeNet.class,
                ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, recipe.spec()));
        assertEquals(recipe.options(), restored.options());
        assertTrue(restored.isTrainable());
    }

    @Test
    void aModelFileOfAnUntrainedLeNetFromEarlierVersionsRestoresAsTheRecipe() throws IOException {
        LeNet recipe = LeNet.of(LeNetOptions.builder().seed(4).build());
        MultiLayerModelFile.write(StoreDirectory.local(dir), LeNetExtractor.FILE_NAME, LeNetExtractor.CODEC, List.of(), null);
        LeNet restored = assertInstanceOf(LeNet.class,
                ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, recipe.spec(), StoreDirectory.local(dir)));
        assertEquals(recipe.options(), restored.options());
    }

    @Test
    void aFlippedBitInTheModelIsACorruptFileNamingIt() throws IOException {
        trained.save(StoreDirectory.local(dir));
        Path file = dir.resolve("lenet.model");
        long size = Files.size(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) (size / 2)] ^= 0x10;
        Files.write(file, bytes);
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, trained.spec(), StoreDirectory.local(dir)));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void aTruncatedModelIsACorruptFile() throws IOException {
        trained.save(StoreDirectory.local(dir));
        Path file = dir.resolve("lenet.model");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 100);
        }
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, trained.spec(), StoreDirectory.local(dir)));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aModelThatDoesNotMatchTheSpecIsRefused() throws IOException {
        trained.save(StoreDirectory.local(dir));
        java.util.Map<String, String> parameters = new java.util.HashMap<>(trained.spec().parameters());
        parameters.put("channels", "3");
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, new org.cbir.core.ComponentSpec("lenet", parameters), StoreDirectory.local(dir)));
        assertTrue(e.getMessage().contains("3 channels"), e.getMessage());
    }

    @Test
    void aMissingModelFileIsReported() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, trained.spec(), StoreDirectory.local(dir)));
        assertTrue(e.getMessage().contains("lenet.model"), e.getMessage());
    }

    @Test
    void aPipelineWithLeNetTrainsSavesAndLoads() throws IOException {
        LeNet untrained = LeNet.of(LeNetOptions.builder().inputSize(Stripes.SIZE, Stripes.SIZE).batchSize(8)
                .maxEpochs(2).seed(9).augmentation(Augmentation.none()).build());
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(untrained).build();
        pipeline.fit(TRAINING);
        pipeline.addAll(TRAINING);
        Path saved = dir.resolve("stripes.cbir");
        pipeline.save(saved);
        RetrievalPipeline loaded = RetrievalPipeline.load(saved);
        assertInstanceOf(LeNetExtractor.class, loaded.extractor());
        for (Image q : QUERIES) {
            QueryResult before = pipeline.query(q, 5);
            QueryResult after = loaded.query(q, 5);
            assertEquals(before.matches(), after.matches());
        }
    }

    private static List<Path> listFiles(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.toList();
        }
    }
}
