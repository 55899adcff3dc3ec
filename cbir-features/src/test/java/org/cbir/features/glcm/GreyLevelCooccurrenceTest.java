package org.cbir.features.glcm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cbir.core.image.Image;
import org.cbir.core.image.SampleDepth;
import org.cbir.features.SyntheticImages;
import org.cbir.features.TextureDescriptors;
import org.junit.jupiter.api.Test;

class GreyLevelCooccurrenceTest {
    private static final GlcmProperty[] ALL = GlcmProperty.values();

    /** Grey levels 0..levels-1 as intensities in the middle of their quantisation intervals. */
    private static Image levels(int width, int height, int levels, int... values) {
        float[] samples = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            samples[i] = (values[i] + 0.5f) / levels;
        }
        return Image.grey(width, height, samples);
    }

    @Test
    void matchesTheContrastExampleOfScikitImagesDocumentation() {
        // graycoprops docstring: distances [1, 2], angles [0, pi/2], levels 4, symmetric, normed.
        Image image = levels(4, 4, 4, 0, 0, 1, 1, 0, 0, 1, 1, 0, 2, 2, 2, 2, 2, 3, 3);
        GreyLevelCooccurrence glcm = GreyLevelCooccurrence.builder().levels(4).distances(1, 2)
                .angles(0, Math.PI / 2).symmetric(true).properties(GlcmProperty.CONTRAST)
                .aggregation(GlcmAggregation.PER_ANGLE).build();
        assertArrayEquals(new float[] {0.58333333f, 1.0f, 1.25f, 2.75f}, glcm.extract(image), 1e-6f);
    }

    @Test
    void handWorkedSinglePair() {
        // One pair (10, 13) of an 8-bit image; 256 levels keep the 8-bit values.
        Image image = Image.of(2, 1, 1, SampleDepth.UINT8, new float[] {10, 13});
        GreyLevelCooccurrence glcm = GreyLevelCooccurrence.builder().angles(0).properties(ALL)
                .aggregation(GlcmAggregation.PER_ANGLE).build();
        // contrast 9, dissimilarity 3, homogeneity 1/10, energy 1, correlation 1 (zero spread), ASM 1, entropy 0
        assertArrayEquals(new float[] {9, 3, 0.1f, 1, 1, 1, 0}, glcm.extract(image), 1e-6f);
    }

    @Test
    void handWorkedAlternatingPairs() {
        // Levels 0 1 0 at angle 0: pairs (0,1) and (1,0), each with probability 1/2.
        Image image = Image.of(3, 1, 1, SampleDepth.UINT8, new float[] {0, 255, 0});
        GreyLevelCooccurrence glcm = GreyLevelCooccurrence.builder().levels(2).angles(0).properties(ALL)
                .aggregation(GlcmAggregation.PER_ANGLE).build();
        float[] f = glcm.extract(image);
        // contrast 1, dissimilarity 1, homogeneity 1/2, energy sqrt(1/2), correlation -1, ASM 1/2, entropy ln 2
        assertArrayEquals(new float[] {1, 1, 0.5f, (float) Math.sqrt(0.5), -1, 0.5f, (float) Math.log(2)}, f, 1e-6f);
    }

    @Test
    void constantImageHasCorrelationOneAndNoContrast() {
        float[] f = TextureDescriptors.glcm().extract(SyntheticImages.make("constant", 16, 16, 1));
        // contrast, dissimilarity, homogeneity, energy, correlation, ASM, entropy
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1, 0}, f, 1e-7f);
    }

    @Test
    void offsetBeyondTheImageGivesAnEmptyMatrix() {
        GreyLevelCooccurrence glcm = GreyLevelCooccurrence.builder().distances(20).angles(0).properties(ALL)
                .aggregation(GlcmAggregation.PER_ANGLE).build();
        float[] f = glcm.extract(SyntheticImages.make("noise", 16, 16, 1));
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0, 0}, f);
    }

    @Test
    void quantisesByFlooringTheScaledIntensity() {
        // floor(v * 4): 0.24 -> 0, 0.25 -> 1, 0.74 -> 2, 1.0 -> 4 clamped to 3; pairs at angle 0.
        Image image = Image.grey(4, 1, new float[] {0.24f, 0.25f, 0.74f, 1.0f});
        GreyLevelCooccurrence glcm = GreyLevelCooccurrence.builder().levels(4).angles(0)
                .properties(GlcmProperty.DISSIMILARITY).aggregation(GlcmAggregation.PER_ANGLE).build();
        assertArrayEquals(new float[] {1}, glcm.extract(image), 1e-7f); // |0-1|, |1-2|, |2-3|
    }

    @Test
    void dimensionFollowsTheAggregation() {
        GreyLevelCooccurrence.Builder b = GreyLevelCooccurrence.builder().distances(1, 3)
                .properties(GlcmProperty.CONTRAST, GlcmProperty.ENTROPY, GlcmProperty.ASM);
        assertEquals(3 * 2 * 4, b.aggregation(GlcmAggregation.PER_ANGLE).build().dimension());
        assertEquals(3 * 2, b.aggregation(GlcmAggregation.MEAN).build().dimension());
        assertEquals(3 * 2, b.aggregation(GlcmAggregation.POOLED).build().dimension());
        assertEquals(7, TextureDescriptors.glcm().dimension());
    }

    @Test
    void meanIsTheAverageOfThePerAngleValues() {
        Image image = SyntheticImages.make("noise", 30, 20, 1);
        GreyLevelCooccurrence.Builder b = GreyLevelCooccurrence.builder().levels(16).distances(1, 2).properties(ALL);
        float[] perAngle = b.aggregation(GlcmAggregation.PER_ANGLE).build().extract(image);
        float[] mean = b.aggregation(GlcmAggregation.MEAN).build().extract(image);
        for (int k = 0; k < mean.length; k++) {
            double sum = 0;
            for (int a = 0; a < 4; a++) {
                sum += perAngle[k * 4 + a];
            }
            assertEquals(sum / 4, mean[k], 1e-5);
        }
    }

    @Test
    void rgbIsMeasuredOnItsLuminance() {
        Image rgb = SyntheticImages.make("noise", 20, 10, 3);
        GreyLevelCooccurrence glcm = GreyLevelCooccurrence.builder().levels(32).symmetric(true).build();
        assertArrayEquals(glcm.extract(rgb.toGrey()), glcm.extract(rgb));
    }

    @Test
    void rejectsInvalidOptions() {
        assertThrows(IllegalArgumentException.class, () -> GreyLevelCooccurrence.builder().levels(1).build());
        assertThrows(IllegalArgumentException.class, () -> GreyLevelCooccurrence.builder().levels(1025).build());
        assertThrows(IllegalArgumentException.class, () -> GreyLevelCooccurrence.builder().distances().build());
        assertThrows(IllegalArgumentException.class, () -> GreyLevelCooccurrence.builder().distances(1, 0).build());
        assertThrows(IllegalArgumentException.class, () -> GreyLevelCooccurrence.builder().angles().build());
        assertThrows(IllegalArgumentException.class, () -> GreyLevelCooccurrence.builder().angles(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> GreyLevelCooccurrence.builder().properties().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GreyLevelCooccurrence
                .builder().properties(GlcmProperty.ASM, GlcmProperty.ASM).build());
        assertTrue(e.getMessage().contains("asm"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GlcmProperty.fromSpecName("variance"));
        assertThrows(IllegalArgumentException.class, () -> GlcmAggregation.fromSpecName("max"));
    }
}
