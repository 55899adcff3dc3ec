package org.cbir.nets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.cbir.core.image.Image;
import org.cbir.nets.lenet.LeNetArchitecture;
import org.cbir.nets.lenet.LeNetOptions;
import org.cbir.nets.train.Augmentation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class AugmentedDataSetIteratorTest {
    private static final Augmentation AUGMENTATION = Augmentation.of(true, 1, 3);

    private final List<Image> images = List.of(randomImage(1), randomImage(2), randomImage(3));
    private final int[] classes = {0, 1, 1};
    private final LeNetOptions options = LeNetOptions.builder().architecture(LeNetArchitecture.PYCBIR).standardiseInput(false).inputSize(8, 8).batchSize(7).seed(5)
            .augmentation(AUGMENTATION).build();

    @Test
    void anEpochVisitsEveryVariantOfEveryImageOnceWithItsLabel() {
        AugmentedDataSetIterator it = iterator(options);
        assertEquals(3 * 36, it.samplesPerEpoch());
        Map<String, Integer> expected = expectedSamples();
        Map<String, Integer> seen = collectEpoch(it);
        assertEquals(expected, seen);
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void resetStartsAnotherEpochInAnotherOrderWithTheSameSamples() {
        AugmentedDataSetIterator it = iterator(options);
        float[] firstBatch = it.next().getFeatures().data().asFloat();
        while (it.hasNext()) {
            it.next();
        }
        it.reset();
        float[] secondEpochFirst = it.next().getFeatures().data().asFloat();
        assertFalse(Arrays.equals(firstBatch, secondEpochFirst));
        it.reset();
        assertEquals(expectedSamples(), collectEpoch(it));

        AugmentedDataSetIterator again = iterator(options);
        assertArrayEquals(firstBatch, again.next().getFeatures().data().asFloat(), "same seed, same order");
        LeNetOptions otherSeed = LeNetOptions.builder().architecture(LeNetArchitecture.PYCBIR).standardiseInput(false).inputSize(8, 8).batchSize(7).seed(6).build();
        AugmentedDataSetIterator other = iterator(otherSeed);
        assertNotEquals(Arrays.toString(firstBatch), Arrays.toString(other.next().getFeatures().data().asFloat()));
    }

    @Test
    void batchesHaveTheNetworkShape() {
        AugmentedDataSetIterator it = iterator(options);
        DataSet batch = it.next();
        assertArrayEquals(new long[] {7, 1, 8, 8}, batch.getFeatures().shape());
        assertArrayEquals(new long[] {7, 2}, batch.getLabels().shape());
        assertEquals(64, it.inputColumns());
        assertEquals(2, it.totalOutcomes());
        assertEquals(List.of("a", "b"), it.getLabels());
        int last = 0;
        while (it.hasNext()) {
            last = it.next().numExamples();
        }
        assertEquals(108 % 7, last);
    }

    /** Key: label index and the 64 pixels of a variant; value: how often it should appear. */
    private Map<String, Integer> expectedSamples() {
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            for (Image variant : AUGMENTATION.variants(images.get(i))) {
                expected.merge(classes[i] + ":" + Arrays.toString(variant.samples()), 1, Integer::sum);
            }
        }
        return expected;
    }

    private static Map<String, Integer> collectEpoch(AugmentedDataSetIterator it) {
        Map<String, Integer> seen = new HashMap<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            float[][] features = batch.getFeatures().reshape(batch.numExamples(), 64).toFloatMatrix();
            float[][] labels = batch.getLabels().toFloatMatrix();
            for (int i = 0; i < features.length; i++) {
                int label = labels[i][0] == 1f ? 0 : 1;
                assertEquals(1f, labels[i][label]);
                assertEquals(0f, labels[i][1 - label]);
                seen.merge(label + ":" + Arrays.toString(features[i]), 1, Integer::sum);
            }
        }
        return seen;
    }

    private static Image randomImage(long seed) {
        Random random = new Random(seed);
        float[] samples = new float[64];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextInt(256) / 255f;
        }
        return Image.grey(8, 8, samples);
    }

    private AugmentedDataSetIterator iterator(LeNetOptions o) {
        return new AugmentedDataSetIterator(images, classes, List.of("a", "b"), AUGMENTATION, o.width(), o.height(),
                o.channels(), o.standardiseInput(), o.batchSize(), o.seed());
    }
}
