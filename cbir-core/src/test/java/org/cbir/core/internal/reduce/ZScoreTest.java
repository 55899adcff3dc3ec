package org.cbir.core.internal.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.cbir.core.ComponentSpec;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.junit.jupiter.api.Test;

class ZScoreTest {
    /** Five signatures; the third dimension is constant. */
    static final List<float[]> SAMPLE = List.of(
            new float[] {0.5f, -2f, 7.25f, 1f},
            new float[] {1.5f, 4f, 7.25f, -3f},
            new float[] {2.25f, 0f, 7.25f, 10f},
            new float[] {-1f, 1f, 7.25f, 2.5f},
            new float[] {0.75f, 3f, 7.25f, 0f});

    @Test
    void learnsMeansAndPopulationDeviationsAsNumpy() {
        // numpy: x.mean(axis=0), x.std(axis=0) (ddof=0) of SAMPLE
        FittedZScore z = ZScore.standardisation().fit(SAMPLE);
        assertArrayEquals(new float[] {0.8f, 1.2f, 7.25f, 2.1f}, z.means(), 1e-6f);
        assertArrayEquals(new float[] {1.08857705f, 2.13541565f, 0f, 4.34050688f}, z.standardDeviations(), 1e-6f);
        assertEquals(4, z.inputDimension());
        assertEquals(4, z.outputDimension());
    }

    @Test
    void standardisesAndOnlyCentresConstantDimensions() {
        // numpy: (q - mean) / sd with sd of the constant dimension taken as 1
        float[] out = ZScore.standardisation().fit(SAMPLE).apply(new float[] {1f, 2f, 8f, -1f});
        assertArrayEquals(new float[] {0.18372608f, 0.37463432f, 0.75f, -0.7142023f}, out, 1e-6f);
    }

    @Test
    void handExample() {
        // dimension 0: mean 3, deviations -2 0 2, sd sqrt(8/3); dimension 1: mean 2, sd sqrt(6)
        FittedZScore z = ZScore.standardisation().fit(List.of(
                new float[] {1, 5}, new float[] {3, -1}, new float[] {5, 2}));
        assertArrayEquals(new float[] {(float) (1 / Math.sqrt(8.0 / 3)), (float) (6 / Math.sqrt(6))},
                z.apply(new float[] {4, 8}), 1e-6f);
    }

    @Test
    void standardisedSampleHasZeroMeanAndUnitDeviation() {
        Random random = new Random(1234);
        List<float[]> sample = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            float[] row = new float[6];
            for (int d = 0; d < row.length; d++) {
                row[d] = (float) (random.nextGaussian() * (d + 1) * 10 + d * 100);
            }
            sample.add(row);
        }
        FittedZScore z = ZScore.standardisation().fit(sample);
        double[] sum = new double[6];
        double[] squares = new double[6];
        for (float[] row : sample) {
            float[] t = z.apply(row);
            for (int d = 0; d < 6; d++) {
                sum[d] += t[d];
                squares[d] += (double) t[d] * t[d];
            }
        }
        for (int d = 0; d < 6; d++) {
            assertEquals(0.0, sum[d] / 200, 1e-5);
            assertEquals(1.0, squares[d] / 200, 1e-5);
        }
    }

    @Test
    void constantDimensionIsExactlyCentredDespiteRounding() {
        // 0.1f summed three times in double is not 3 * 0.1f exactly; the mean must still be 0.1f
        List<float[]> sample = List.of(new float[] {0.1f}, new float[] {0.1f}, new float[] {0.1f});
        FittedZScore z = ZScore.standardisation().fit(sample);
        assertEquals(0f, z.standardDeviations()[0]);
        assertEquals(0f, z.apply(new float[] {0.1f})[0]);
        assertEquals(0.9f, z.apply(new float[] {1f})[0], 1e-7f);
    }

    @Test
    void badSamplesAndSignaturesAreRefused() {
        ZScore z = ZScore.standardisation();
        assertThrows(IllegalArgumentException.class, () -> z.fit(List.of()));
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> z.fit(List.of(new float[] {1, 2}, new float[] {1, 2, 3})));
        assertTrue(ragged.getMessage().contains("row 1"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> z.fit(List.of(new float[] {1, Float.NaN})));
        assertThrows(IllegalArgumentException.class, () -> z.fit(List.of(new float[0])));
        assertThrows(IllegalArgumentException.class, () -> z.fit(Arrays.asList(new float[] {1}, null)));
        FittedZScore fitted = z.fit(SAMPLE);
        assertThrows(IllegalArgumentException.class, () -> fitted.apply(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> FittedZScore.of(new float[] {1}, new float[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> FittedZScore.of(new float[] {1, 2}, new float[] {1}));
    }

    @Test
    void sampleIsNotModifiedAndResultsAreCopies() {
        float[] row = {1, 2};
        FittedZScore z = ZScore.standardisation().fit(List.of(row, new float[] {3, 5}));
        assertArrayEquals(new float[] {1, 2}, row);
        z.means()[0] = 42;
        assertEquals(2f, z.means()[0]);
    }

    @Test
    void specAndProviderRestoreTheRecipe() throws IOException {
        assertEquals(ComponentSpec.of("z-score"), ZScore.standardisation().spec());
        assertSame(ZScore.standardisation(),
                ComponentRegistry.standard().restore(ComponentRole.REDUCER, ComponentSpec.of("z-score")));
        assertThrows(IllegalArgumentException.class, () -> ComponentRegistry.standard()
                .restore(ComponentRole.REDUCER, ComponentSpec.of("z-score", "ddof", 1)));
    }
}
