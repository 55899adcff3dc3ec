package org.cbir.nets.cnn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.image.SampleDepth;
import org.cbir.nets.Stripes;
import org.junit.jupiter.api.Test;

/** Collections that cannot be trained on, and diverging training, get errors that say what is wrong. */
class CnnTrainingErrorsTest {
    private static final ImageCollection STRIPES = Stripes.collection(6, 41);

    private static String failure(Class<? extends RuntimeException> type, CnnOptions.Builder builder,
            ImageCollection training) {
        CompactCnn untrained = CompactCnn.of(CnnExtractorTest.tiny(builder).build());
        return assertThrows(type, () -> untrained.fit(training, ProgressListener.NONE)).getMessage();
    }

    @Test
    void oneClassIsRefused() {
        String message = failure(IllegalArgumentException.class, CnnOptions.builder(), STRIPES.withLabel("h"));
        assertTrue(message.contains("at least two labels"), message);
    }

    @Test
    void aClassWithASingleImageIsRefusedNamingIt() {
        List<ImageEntry> entries = new ArrayList<>(STRIPES.withLabel("h").entries());
        entries.add(STRIPES.withLabel("v").entries().get(0));
        String message = failure(IllegalArgumentException.class, CnnOptions.builder(), ImageCollection.of(entries));
        assertTrue(message.contains("class 'v' has 1"), message);
        assertTrue(message.contains("two images of every class"), message);
    }

    @Test
    void anUnlabelledImageIsRefusedBySupervisedTraining() {
        List<ImageEntry> entries = new ArrayList<>(STRIPES.entries());
        entries.add(new ImageEntry.InMemory("stray", null, Stripes.images(STRIPES).get(0)));
        String message = failure(IllegalArgumentException.class, CnnOptions.builder(), ImageCollection.of(entries));
        assertTrue(message.contains("stray has no label"), message);
    }

    @Test
    void imagesTooSmallForTheStagesAreRefusedWithWhatToDo() {
        List<ImageEntry> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            float[] samples = new float[9];
            samples[i % 9] = 255;
            entries.add(new ImageEntry.InMemory("tiny" + i, i % 2 == 0 ? "a" : "b",
                    Image.of(3, 3, 1, SampleDepth.UINT8, samples)));
        }
        String message = failure(IllegalArgumentException.class, CnnOptions.simclr(), ImageCollection.of(entries));
        assertTrue(message.contains("3x3"), message);
        assertTrue(message.contains("at least 4x4"), message);
        assertTrue(message.contains("fewer stages"), message);
    }

    @Test
    void imagesTooSmallForAStride2StemAreRefusedWithWhatToDo() {
        List<ImageEntry> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            float[] samples = new float[36];
            samples[i * 5] = 255;
            entries.add(new ImageEntry.InMemory("small" + i, i % 2 == 0 ? "a" : "b",
                    Image.of(6, 6, 1, SampleDepth.UINT8, samples)));
        }
        // 3 stages need 4 pixels a side, 8 before a stride-2 stem
        String message = failure(IllegalArgumentException.class, CnnOptions.builder().stemStride(2).maxInputSize(16),
                ImageCollection.of(entries));
        assertTrue(message.contains("6x6"), message);
        assertTrue(message.contains("after a stride-2 stem"), message);
        assertTrue(message.contains("at least 8x8"), message);
        assertTrue(message.contains("stem stride 1"), message);
    }

    @Test
    void aSingleImageIsNotEnoughForSelfSupervisedTraining() {
        ImageCollection one = ImageCollection.of(STRIPES.entries().get(0));
        String message = failure(IllegalArgumentException.class, CnnOptions.simclr(), one);
        assertTrue(message.contains("at least two images"), message);
    }

    @Test
    void divergingTrainingStopsWithAMessageAndReturnsNoNetwork() {
        String message = failure(IllegalStateException.class, CnnOptions.builder().learningRate(1e30).weightDecay(0),
                STRIPES);
        assertTrue(message.contains("diverged"), message);
        assertTrue(message.contains("lower the learning rate"), message);
        assertFalse(message.isEmpty());
    }
}
