package org.cbir.nets.lenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.nets.Stripes;
import org.cbir.nets.train.Augmentation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training rules and extraction contracts, on the tiny {@link Stripes} collection. */
class LeNetTrainingTest {
    private static final ImageCollection TRAINING = Stripes.collection(16, 1);
    private static final List<Image> QUERIES = Stripes.images(Stripes.collection(12, 2));
    private static LeNetExtractor trained;

    @BeforeAll
    static void train() {
        trained = LeNet.of(LeNetOptions.builder().inputSize(Stripes.SIZE, Stripes.SIZE).batchSize(8).maxEpochs(3).seed(3)
                .augmentation(Augmentation.of(true)).build()).fit(TRAINING, ProgressListener.NONE);
    }

    @Test
    void stopsAtTheFirstEpochWhoseLossIsBelowTheThresholdAndNoLongerFalls() {
        // pyCBIR's network: its dropout makes the epoch loss fluctuate once it is low, as the rule expects.
        LeNetOptions options = LeNetOptions.builder().architecture(LeNetArchitecture.PYCBIR)
                .inputSize(Stripes.SIZE, Stripes.SIZE).batchSize(8).maxEpochs(60).lossThreshold(0.3).seed(5).augmentation(Augmentation.none()).build();
        List<Long> reported = new ArrayList<>();
        LeNetTrainer.Result result = new LeNetTrainer(options).train(TRAINING,
                (stage, done, total) -> {
                    assertEquals(60, total);
                    reported.add(done);
                });
        List<Double> losses = result.history().epochLosses();
        int epochs = losses.size();
        assertTrue(epochs < 60, "training should stop early on separable stripes: " + losses);
        for (int e = 1; e < epochs - 1; e++) {
            assertFalse(losses.get(e) < 0.3 && losses.get(e) >= losses.get(e - 1), "should have stopped after epoch "
                    + (e + 1) + ": " + losses);
        }
        double last = losses.get(epochs - 1);
        assertTrue(last < 0.3 && last >= losses.get(epochs - 2), losses.toString());
        assertEquals(epochs + 1, reported.size());
        assertEquals(epochs, reported.get(reported.size() - 1));
    }

    @Test
    void theSameSeedTrainsTheSameNetwork() {
        LeNetExtractor again = LeNet.of(LeNetOptions.builder().inputSize(Stripes.SIZE, Stripes.SIZE).batchSize(8).maxEpochs(3)
                .seed(3).augmentation(Augmentation.of(true)).build()).fit(TRAINING, ProgressListener.NONE);
        LeNetExtractor otherSeed = LeNet.of(LeNetOptions.builder().inputSize(Stripes.SIZE, Stripes.SIZE).batchSize(8)
                .maxEpochs(3).seed(4).augmentation(Augmentation.of(true)).build()).fit(TRAINING, ProgressListener.NONE);
        for (Image q : QUERIES) {
            assertArrayEquals(trained.extract(q), again.extract(q));
        }
        assertFalse(java.util.Arrays.equals(trained.extract(QUERIES.get(0)), otherSeed.extract(QUERIES.get(0))));
    }

    @Test
    void stopsAtTheMaximumNumberOfEpochsWithTheRateDecayedPerEpoch() {
        LeNetOptions options = LeNetOptions.builder().inputSize(Stripes.SIZE, Stripes.SIZE).maxEpochs(2)
                .learningRate(0.1).decay(0.5).lossThreshold(0).augmentation(Augmentation.none()).build();
        LeNetTrainer.Result result = new LeNetTrainer(options).train(TRAINING, ProgressListener.NONE);
        assertEquals(2, result.history().epochLosses().size());
        // Inverse-time decay per epoch, by hand: after two epochs the rate is 0.1 / (1 + 0.5 * 2) = 0.05.
        assertEquals(2, result.network().getEpochCount());
        assertEquals(0.05, result.network().getLearningRate(0), 1e-12);
    }

    @Test
    void trainedExtractorHasTheClassesAndTheDeclaredDimension() {
        assertFalse(trained.isTrainable());
        assertEquals(List.of("h", "v"), trained.classes());
        float[] signature = trained.extract(QUERIES.get(0));
        assertEquals(84, signature.length);
        assertEquals(trained.dimension(), signature.length);
    }

    @Test
    void batchedExtractionAgreesWithOneByOne() {
        List<float[]> batched = trained.extractAll(QUERIES);
        assertEquals(QUERIES.size(), batched.size());
        for (int i = 0; i < QUERIES.size(); i++) {
            assertArrayEquals(trained.extract(QUERIES.get(i)), batched.get(i), 1e-5f, "image " + i);
        }
    }

    @Test
    void concurrentExtractionGivesTheSameSignatures() throws Exception {
        List<float[]> expected = new ArrayList<>();
        for (Image q : QUERIES) {
            expected.add(trained.extract(q));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Image q : QUERIES) {
                    futures.add(pool.submit(() -> trained.extract(q)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(expected.get(i % QUERIES.size()), futures.get(i).get(), "query " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void acceptsRgbAndOtherSizes() {
        float[] rgb = new float[30 * 20 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (i * 37) % 256;
        }
        Image image = Image.of(30, 20, 3, org.cbir.core.image.SampleDepth.UINT8, rgb);
        assertArrayEquals(trained.extract(image.toGrey()), trained.extract(image), 1e-6f);
    }

    @Test
    void refusesUnlabelledOrSingleLabelTraining() {
        LeNet untrained = LeNet.of(LeNetOptions.builder().inputSize(Stripes.SIZE, Stripes.SIZE).maxEpochs(1).build());
        Image image = QUERIES.get(0);
        ImageCollection unlabelled = ImageCollection.of(List.of(new ImageEntry.InMemory("a", "x", image),
                new ImageEntry.InMemory("b", null, image)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> untrained.fit(unlabelled, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("b has no label"), e.getMessage());
        ImageCollection oneLabel = ImageCollection.of(List.of(new ImageEntry.InMemory("a", "x", image),
                new ImageEntry.InMemory("b", "x", image)));
        assertThrows(IllegalArgumentException.class, () -> untrained.fit(oneLabel, ProgressListener.NONE));
        assertThrows(IllegalArgumentException.class, () -> untrained.fit(ImageCollection.of(List.of()), ProgressListener.NONE));
    }
}
