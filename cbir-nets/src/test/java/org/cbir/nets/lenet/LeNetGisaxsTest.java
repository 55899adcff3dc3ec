package org.cbir.nets.lenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.nets.LeaveOneOut;
import org.cbir.nets.Samples;
import org.cbir.nets.train.Augmentation;
import org.junit.jupiter.api.Test;

/**
 * Trains LeNet on 10% of each GISAXS class (the paper's protocol, section 3.2) for a few epochs
 * and checks that its signatures separate the four classes better than the raw pixels it sees:
 * leave-one-out retrieval (cosine) among 100 held-aside images per class, mean average precision
 * of LeNet's {@code dense_last} signatures against the same images' pixels at the network's input
 * size. The input is 16x16 and augmentation is off to keep the test near 30 s on two shared cores.
 */
class LeNetGisaxsTest {
    private static final int HELD_ASIDE_PER_CLASS = 100;
    private static final int SIZE = 16;

    @Test
    void trainedSignaturesSeparateTheClassesBetterThanRawPixels() throws IOException {
        ImageCollection.Split split = ImageCollection.fromFolder(Samples.gisaxsDatabase()).split(0.1, 11);
        assertEquals(200, split.train().size());
        List<String> stages = new CopyOnWriteArrayList<>();
        List<Long> epochsDone = new CopyOnWriteArrayList<>();
        LeNet untrained = LeNet.of(LeNetOptions.builder().inputSize(SIZE, SIZE).batchSize(16).maxEpochs(10).seed(7)
                .augmentation(Augmentation.none()).build());
        long start = System.nanoTime();
        LeNetExtractor lenet = untrained.fit(split.train(), (stage, done, total) -> {
            stages.add(stage);
            epochsDone.add(done);
        });
        long trainMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(lenet.trainingHistory().isPresent());
        assertEquals(List.of("bcc", "cubic100", "fcc100", "hcpnone"), lenet.classes().stream().sorted().toList());
        assertEquals(0L, epochsDone.get(0));
        assertTrue(epochsDone.size() >= 2 && stages.stream().allMatch(LeNetTrainer.STAGE::equals));

        List<Image> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Map<String, Integer> perClass = new HashMap<>();
        for (ImageEntry e : split.test()) {
            if (perClass.merge(e.label(), 1, Integer::sum) <= HELD_ASIDE_PER_CLASS) {
                images.add(e.load());
                labels.add(e.label());
            }
        }
        start = System.nanoTime();
        List<float[]> signatures = lenet.extractAll(images);
        long extractMillis = (System.nanoTime() - start) / 1_000_000;
        List<float[]> pixels = images.stream().map(i -> i.toGrey().normalized().resize(SIZE, SIZE).samples()).toList();

        LeaveOneOut learned = LeaveOneOut.score(signatures, labels);
        LeaveOneOut raw = LeaveOneOut.score(pixels, labels);
        String measured = "LeNet " + learned + " vs raw pixels " + raw + "; training " + trainMillis
                + " ms, extraction of " + images.size() + " images " + extractMillis + " ms";
        // Measured (seed 7, 1 native thread): LeNet MAP 0.709, top-1 0.82; raw pixels MAP 0.560, top-1 0.98.
        assertTrue(learned.meanAveragePrecision() > raw.meanAveragePrecision() + 0.05, measured);
        assertTrue(learned.top1Accuracy() > 0.6, measured);
    }
}
