package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

/**
 * The contract every metric of this module keeps, run once per metric by a subclass: the SciPy
 * reference values of its type, distance 0 for identical inputs, no negative or NaN value for
 * finite input (all-zero and empty vectors included), symmetry where the metric is symmetric,
 * the length check, untouched arguments, and, for histogram metrics, their shared rules.
 */
abstract class SimilarityTestCase {
    /** Absolute below 1, relative above: |actual - expected| <= 1e-6 max(1, |expected|). */
    static final double REFERENCE_TOLERANCE = 1e-6;
    private static final int[] LENGTHS = {1, 2, 3, 7, 64, 256};

    /** The metric under test, with its default parameters. */
    abstract Similarity metric();

    /** Whether {@code distance(a, b) == distance(b, a)}. */
    boolean symmetric() {
        return true;
    }

    final boolean histogram() {
        return metric() instanceof HistogramDistance;
    }

    /** Random inputs the metric accepts: non-negative for histogram metrics, else real. */
    final float[] randomVector(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = histogram() ? random.nextFloat() : (float) random.nextGaussian();
        }
        return v;
    }

    static void assertClose(double expected, double actual, String what) {
        if (Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, REFERENCE_TOLERANCE * Math.max(1.0, Math.abs(expected)), what);
        }
    }

    @Test
    void matchesScipyReference() {
        List<ReferenceFixture.Expectation> expectations = ReferenceFixture.forType(metric().spec().type());
        assertTrue(expectations.size() >= 20, "too few reference rows: " + expectations.size());
        for (ReferenceFixture.Expectation e : expectations) {
            Similarity metric = Similarities.fromSpec(e.spec());
            assertClose(e.expected(), metric.distance(e.a(), e.b()), e.spec() + " on " + e.caseName());
        }
    }

    @Test
    void identicalVectorsAreAtZero() {
        Random random = new Random(11);
        for (int n : LENGTHS) {
            float[] a = randomVector(random, n);
            assertEquals(0.0, metric().distance(a, a), 1e-12, "length " + n);
            assertEquals(0.0, metric().distance(a, a.clone()), 1e-12, "length " + n);
        }
    }

    @Test
    void isNonNegativeFiniteAndMinimalAtSelf() {
        Random random = new Random(12);
        for (int n : LENGTHS) {
            for (int trial = 0; trial < 20; trial++) {
                float[] a = randomVector(random, n);
                float[] b = randomVector(random, n);
                double d = metric().distance(a, b);
                assertTrue(d >= 0 && Double.isFinite(d), "distance " + d + " at length " + n);
                // 1e-12: Pearson's d(a, b) is 0 or 2 at length 2, d(a, a) may round to 1e-16
                assertTrue(d >= metric().distance(a, a) - 1e-12, "below d(a, a) at length " + n);
            }
        }
    }

    @Test
    void isSymmetricWhereDocumented() {
        Random random = new Random(13);
        int asymmetric = 0;
        for (int n : LENGTHS) {
            for (int trial = 0; trial < 10; trial++) {
                float[] a = randomVector(random, n);
                float[] b = randomVector(random, n);
                double ab = metric().distance(a, b);
                double ba = metric().distance(b, a);
                if (symmetric()) {
                    assertEquals(ab, ba, 1e-12 * Math.max(1, ab), "length " + n);
                } else if (Math.abs(ab - ba) > 1e-9) {
                    asymmetric++;
                }
            }
        }
        assertTrue(symmetric() || asymmetric > 0, "documented as asymmetric but always symmetric");
    }

    @Test
    void zeroAndEmptyVectorsGiveDefinedValues() {
        Random random = new Random(14);
        for (int n : LENGTHS) {
            float[] zero = new float[n];
            float[] a = randomVector(random, n);
            assertEquals(0.0, metric().distance(zero, new float[n]), "two zero vectors, length " + n);
            double za = metric().distance(zero, a);
            double az = metric().distance(a, zero);
            assertTrue(za >= 0 && Double.isFinite(za), "d(0, a) = " + za + " at length " + n);
            assertTrue(az >= 0 && Double.isFinite(az), "d(a, 0) = " + az + " at length " + n);
        }
        assertEquals(0.0, metric().distance(new float[0], new float[0]), "empty vectors");
    }

    @Test
    void neverGivesNaNForFiniteInput() {
        List<float[]> inputs = new ArrayList<>();
        inputs.add(new float[] {0, 0, 0, 0});
        inputs.add(new float[] {5, 5, 5, 5});
        inputs.add(new float[] {0, 0, 0, Float.MIN_VALUE});
        inputs.add(new float[] {Float.MAX_VALUE, 0, Float.MAX_VALUE, Float.MAX_VALUE});
        inputs.add(new float[] {1e-30f, 1e-30f, 0, 2e-30f});
        inputs.add(new float[] {1, 0, 0, 0});
        if (!histogram()) {
            inputs.add(new float[] {-Float.MAX_VALUE, 0, 1, -1});
            inputs.add(new float[] {-3, -3, -3, -3});
        }
        for (float[] a : inputs) {
            for (float[] b : inputs) {
                double d = metric().distance(a, b);
                assertFalse(Double.isNaN(d), "NaN for " + java.util.Arrays.toString(a) + ", "
                        + java.util.Arrays.toString(b));
                assertTrue(d >= 0, "negative for " + java.util.Arrays.toString(a));
            }
        }
    }

    @Test
    void refusesVectorsOfDifferentLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metric().distance(new float[3], new float[4]));
        assertTrue(e.getMessage().contains("length 3 and 4"), e.getMessage());
    }

    @Test
    void leavesItsArgumentsUnchanged() {
        Random random = new Random(15);
        float[] a = randomVector(random, 33);
        float[] b = randomVector(random, 33);
        float[] a0 = a.clone();
        float[] b0 = b.clone();
        metric().distance(a, b);
        assertArrayEquals(a0, a);
        assertArrayEquals(b0, b);
    }

    @Test
    void specRebuildsTheSameMetric() {
        Similarity rebuilt = Similarities.fromSpec(metric().spec());
        assertEquals(metric().spec(), rebuilt.spec());
        float[] a = {1, 2, 3, 0};
        float[] b = {0, 2, 1, 4};
        assertEquals(metric().distance(a, b), rebuilt.distance(a, b));
    }

    @Test
    void givesTheSameValuesFromManyThreads() {
        Random random = new Random(16);
        float[][] as = new float[500][];
        float[][] bs = new float[500][];
        for (int i = 0; i < as.length; i++) {
            as[i] = randomVector(random, 1 + random.nextInt(64));
            bs[i] = randomVector(random, as[i].length);
        }
        double[] sequential = IntStream.range(0, as.length).mapToDouble(i -> metric().distance(as[i], bs[i])).toArray();
        double[] parallel = IntStream.range(0, as.length).parallel()
                .mapToDouble(i -> metric().distance(as[i], bs[i])).toArray();
        assertArrayEquals(sequential, parallel);
    }

    // --- histogram metrics only ---------------------------------------------------------

    @Test
    void histogramMetricsRefuseNegativeAndNonFiniteBinsNamingMetricAndIndex() {
        if (!histogram()) {
            return;
        }
        String type = metric().spec().type();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metric().distance(new float[] {1, 2, 3}, new float[] {1, 2, -0.5f}));
        assertTrue(e.getMessage().startsWith(type + ": entry 2 of the second histogram is -0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> metric().distance(new float[] {Float.NaN, 2, 3}, new float[] {1, 2, 3}));
        assertTrue(e.getMessage().startsWith(type + ": entry 0 of the first histogram is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> metric().distance(new float[] {1, Float.POSITIVE_INFINITY}, new float[] {1, 2}));
        assertTrue(e.getMessage().startsWith(type + ": entry 1 of the first histogram is Infinity"), e.getMessage());
    }

    @Test
    void histogramMetricsIgnoreTheTotalMass() {
        if (!histogram()) {
            return;
        }
        Random random = new Random(17);
        for (int n : LENGTHS) {
            float[] a = randomVector(random, n);
            float[] b = randomVector(random, n);
            float[] timesEight = new float[n];
            float[] timesThree = new float[n];
            for (int i = 0; i < n; i++) {
                timesEight[i] = 8 * a[i]; // exact in float
                timesThree[i] = 3 * a[i]; // rounded to float: relative error up to 6e-8
            }
            double d = metric().distance(a, b);
            assertEquals(d, metric().distance(timesEight, b), 1e-12 * Math.max(1, d), "length " + n);
            double reverse = metric().distance(b, a);
            assertEquals(reverse, metric().distance(b, timesEight), 1e-12 * Math.max(1, reverse), "length " + n);
            assertEquals(d, metric().distance(timesThree, b), 1e-6 * Math.max(1, d), "length " + n);
        }
    }

    @Test
    void histogramMetricsPutAZeroHistogramAsFarAsTwoPointMassesInDifferentBins() {
        if (!histogram()) {
            return;
        }
        Random random = new Random(18);
        for (int n : LENGTHS) {
            float[] first = new float[n];
            float[] last = new float[n];
            first[0] = 1;
            last[n - 1] = 1;
            double farthest = metric().distance(first, last);
            float[] a = randomVector(random, n);
            assertEquals(farthest, metric().distance(new float[n], a), 1e-12, "d(0, a), length " + n);
            assertEquals(farthest, metric().distance(a, new float[n]), 1e-12, "d(a, 0), length " + n);
            assertTrue(metric().distance(a, randomVector(random, n)) <= farthest + 1e-12, "above maximum");
        }
    }
}
