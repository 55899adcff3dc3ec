package org.cbir.core.internal.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Every kernel implementation (scalar, 256-bit, and 512-bit where the CPU has AVX-512) against a
 * double-precision reference and against each other, over every length from 1 to 67 (so every
 * vector width meets a scalar tail of every size) and several offsets into a larger store, after
 * Lucene's {@code TestVectorUtilSupport}; on small integers, whose float sums are exact, all
 * widths must agree exactly. Surefire runs this module with
 * {@code --add-modules jdk.incubator.vector}, so the Vector API kernels are tested in the same run
 * as the scalar ones.
 */
class VectorKernelsTest {
    private static final long SEED = 20_261_125L;
    private static final int[] OFFSETS = {0, 1, 3, 17, 64};

    private final VectorKernels scalar = new ScalarVectorKernels();
    private final VectorizationProvider.Kernels panama256 = VectorizationProvider.panama(256).orElseThrow(
            () -> new AssertionError("tests run with --add-modules jdk.incubator.vector, yet no Vector API kernels"));
    /** Present where the CPU prefers 512-bit vectors (this project's AMD EPYC does). */
    private final Optional<VectorizationProvider.Kernels> panama512 = VectorizationProvider.panama(512);
    private final VectorKernels panama = panama256.vectors();
    /** Scalar, 256-bit, and 512-bit when present. */
    private final VectorKernels[] all = implementations();

    private VectorKernels[] implementations() {
        List<VectorKernels> list = new ArrayList<>(List.of(scalar, panama));
        panama512.ifPresent(k -> list.add(k.vectors()));
        return list.toArray(new VectorKernels[0]);
    }

    @Test
    void theVectorApiIsChosenWhenTheModuleIsPresent() {
        assertTrue(FloatKernels.implementation().startsWith("panama-"), FloatKernels.implementation());
        assertTrue(panama.name().startsWith("panama-"));
        assertEquals("scalar", scalar.name());
    }

    @Test
    void theJvmsKernelsAreOfOneWidth() {
        assertEquals(FloatKernels.implementation(), RowTiles.preferred().name());
        assertEquals(panama256.vectors().name(), panama256.tiles().name());
        panama512.ifPresent(k -> assertEquals("panama-512", k.tiles().name()));
        assertThrows(IllegalArgumentException.class,
                () -> new VectorizationProvider.Kernels(panama, new ScalarTileKernels()));
    }

    @Test
    void thePropertyOverridesTheChoiceAndAMissingModuleFallsBackToScalar() {
        // kernels named by width, whatever this CPU has
        IntFunction<Optional<VectorizationProvider.Kernels>> both = bits -> Optional.of(named("panama-" + bits));
        IntFunction<Optional<VectorizationProvider.Kernels>> only256 = bits -> bits == 256
                ? Optional.of(named("panama-256")) : Optional.empty();
        IntFunction<Optional<VectorizationProvider.Kernels>> absent = bits -> Optional.empty();
        assertEquals("scalar", name(VectorizationProvider.choose("scalar", 512, 17, both)));
        assertEquals(List.of(), VectorizationProvider.choose("scalar", 0, 17, absent).warnings());
        int auto = VectorizationProvider.defaultBits(512, 17);
        assertEquals("panama-" + auto, name(VectorizationProvider.choose(null, 512, 17, both)));
        assertEquals(List.of(), VectorizationProvider.choose(null, 512, 17, both).warnings());
        assertEquals("panama-256", name(VectorizationProvider.choose(null, 256, 17, both)));
        assertEquals("panama-512", name(VectorizationProvider.choose(" Panama ", 512, 17, both)));
        assertEquals("panama-256", name(VectorizationProvider.choose("panama", 256, 17, both)));
        assertEquals("panama-256", name(VectorizationProvider.choose("256", 512, 17, both)));
        assertEquals("panama-256", name(VectorizationProvider.choose("PANAMA-256", 512, 25, both)));
        assertEquals("panama-512", name(VectorizationProvider.choose("512", 512, 17, both)));
        assertEquals("panama-512", name(VectorizationProvider.choose("panama-512", 512, 25, both)));
        VectorizationProvider.Choice narrower = VectorizationProvider.choose("512", 256, 17, only256);
        assertEquals("panama-256", name(narrower));
        assertTrue(narrower.warnings().get(0).contains("512-bit"), narrower.warnings().toString());
        VectorizationProvider.Choice unknown = VectorizationProvider.choose("unknown", 256, 17, both);
        assertEquals("panama-256", name(unknown));
        assertTrue(unknown.warnings().get(0).contains("cbir.vectorization=unknown"), unknown.warnings().toString());
        for (String requested : new String[] {"auto", "panama", "256", "512"}) {
            VectorizationProvider.Choice fallback = VectorizationProvider.choose(requested, 0, 17, absent);
            assertEquals("scalar", name(fallback));
            assertEquals(1, fallback.warnings().size(), fallback.warnings().toString());
            assertTrue(fallback.warnings().get(0).contains("--add-modules jdk.incubator.vector"));
        }
        // a CPU with 128-bit vectors: scalar, saying why
        VectorizationProvider.Choice narrow = VectorizationProvider.choose(null, 128, 17, absent);
        assertEquals("scalar", name(narrow));
        assertTrue(narrow.warnings().get(0).contains("128 bits"), narrow.warnings().toString());
    }

    private static String name(VectorizationProvider.Choice choice) {
        assertEquals(choice.kernels().vectors().name(), choice.kernels().tiles().name());
        return choice.kernels().vectors().name();
    }

    /** Kernels that only have a name: enough for the choice, which only looks at what is found. */
    private static VectorizationProvider.Kernels named(String name) {
        return new VectorizationProvider.Kernels(named(VectorKernels.class, name), named(TileKernels.class, name));
    }

    private static <T> T named(Class<T> type, String name) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("name")) {
                return name;
            }
            throw new UnsupportedOperationException(method.getName());
        }));
    }

    @Test
    void bothImplementationsAgreeWithADoubleReferenceOverOddLengthsAndOffsets() {
        Random random = new Random(SEED);
        for (int length = 1; length <= 67; length++) {
            for (int offset : OFFSETS) {
                float[] a = gaussian(random, length);
                float[] store = gaussian(random, offset + length + 5);
                double dot = 0;
                double absDot = 0;
                double square = 0;
                double normA = 0;
                double normB = 0;
                for (int i = 0; i < length; i++) {
                    double x = a[i];
                    double y = store[offset + i];
                    dot += x * y;
                    absDot += Math.abs(x * y);
                    square += (x - y) * (x - y);
                    normA += x * x;
                    normB += y * y;
                }
                double cosine = dot / Math.sqrt(normA * normB);
                double bound = FloatKernels.relativeErrorBound(length);
                String where = "length " + length + ", offset " + offset;
                for (VectorKernels kernels : all) {
                    String who = kernels.name() + ", " + where;
                    assertEquals(dot, kernels.dot(a, store, offset, length), bound * absDot + 1e-30, who);
                    assertEquals(square, kernels.squareDistance(a, store, offset, length), bound * square + 1e-30, who);
                    assertEquals(cosine, kernels.cosine(a, store, offset, length), 4 * bound + 1e-7, who);
                }
                for (VectorKernels kernels : all) { // agreement with the scalar loop: twice the bound
                    assertEquals(scalar.dot(a, store, offset, length), kernels.dot(a, store, offset, length),
                            2 * bound * absDot + 1e-30, kernels.name() + ", " + where);
                    assertEquals(scalar.squareDistance(a, store, offset, length),
                            kernels.squareDistance(a, store, offset, length), 2 * bound * square + 1e-30,
                            kernels.name() + ", " + where);
                }
            }
        }
    }

    @Test
    void longVectorsStayWithinTheErrorBound() {
        Random random = new Random(SEED + 1);
        for (int length : new int[] {128, 1_000, 1_536, 4_099}) {
            float[] a = gaussian(random, length);
            float[] b = gaussian(random, length);
            double dot = 0;
            double absDot = 0;
            for (int i = 0; i < length; i++) {
                dot += (double) a[i] * b[i];
                absDot += Math.abs((double) a[i] * b[i]);
            }
            double bound = FloatKernels.relativeErrorBound(length) * absDot;
            for (VectorKernels kernels : all) {
                assertEquals(dot, kernels.dot(a, b, 0, length), bound, kernels.name());
                assertEquals(VectorMath.squaredDistance(a, b), kernels.squareDistance(a, b, 0, length),
                        FloatKernels.relativeErrorBound(length) * VectorMath.squaredDistance(a, b), kernels.name());
            }
        }
    }

    @Test
    void handWorkedValuesAreExact() {
        float[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] store = {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        for (VectorKernels kernels : all) {
            assertEquals(45f, kernels.dot(a, store, 2, 9), kernels.name());
            // (0^2 + 1^2 + ... + 8^2) = 204
            assertEquals(204f, kernels.squareDistance(a, store, 2, 9), kernels.name());
            assertEquals(0f, kernels.cosine(a, new float[9], 0, 9), kernels.name());
            assertEquals(1f, kernels.cosine(a, a, 0, 9), 1e-6f, kernels.name());
        }
    }

    @Test
    void theFacadeChecksBounds() {
        float[] query = new float[4];
        assertThrows(IndexOutOfBoundsException.class, () -> FloatKernels.dot(query, new float[7], 4));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatKernels.squareDistance(query, new float[7], -1));
        assertEquals(0f, FloatKernels.cosine(query, new float[8], 4));
    }

    @Test
    void int8ScoresOfBothImplementationsAgreeWithADoubleReference() {
        Random random = new Random(SEED + 2);
        int rows = FloatKernels.CODE_BLOCK_ROWS;
        for (int length = 1; length <= 67; length++) {
            for (int blocks = 0; blocks <= 3; blocks++) {
                for (int offset : new int[] {0, 5, 16}) {
                    float[] weights = gaussian(random, length);
                    byte[] codes = new byte[offset + blocks * length * rows + 7];
                    random.nextBytes(codes);
                    double bound = FloatKernels.relativeErrorBound(length);
                    float[] bias = offset == 5 ? null : gaussian(random, blocks * rows);
                    float[][] from = new float[all.length][blocks * rows + 3];
                    for (int k = 0; k < all.length; k++) {
                        float min = all[k].int8Scores(weights, codes, offset, blocks, bias, from[k], 3);
                        assertEquals(min(from[k], 3), min, all[k].name());
                    }
                    for (int b = 0; b < blocks; b++) {
                        for (int r = 0; r < rows; r++) {
                            double sum = bias == null ? 0 : bias[b * rows + r];
                            double abs = Math.abs(sum);
                            for (int j = 0; j < length; j++) {
                                double term = (double) weights[j] * codes[offset + (b * length + j) * rows + r];
                                sum += term;
                                abs += Math.abs(term);
                            }
                            String where = "length " + length + ", block " + b + ", row " + r + ", offset " + offset;
                            for (int k = 0; k < all.length; k++) {
                                assertEquals(sum, from[k][3 + b * rows + r], bound * abs + 1e-30,
                                        all[k].name() + ", " + where);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void int8ScoresOfFourQueriesAtOnceAgreeWithADoubleReference() {
        Random random = new Random(SEED + 3);
        int rows = FloatKernels.CODE_BLOCK_ROWS;
        for (int length : new int[] {1, 3, 16, 17, 64, 129}) {
            for (int blocks = 0; blocks <= 3; blocks++) {
                float[][] weights = new float[6][];
                for (int q = 0; q < weights.length; q++) {
                    weights[q] = gaussian(random, length);
                }
                byte[] codes = new byte[2 + blocks * length * rows];
                random.nextBytes(codes);
                float[] bias = blocks % 2 == 0 ? null : gaussian(random, blocks * rows);
                for (VectorKernels kernels : all) {
                    float[] scores = new float[4 * blocks * rows];
                    float[] mins = new float[4];
                    kernels.int8Scores4(weights, 1, codes, 2, blocks, bias, scores, mins);
                    for (int i = 0; i < 4; i++) {
                        float[] w = weights[1 + i];
                        float min = Float.POSITIVE_INFINITY;
                        for (int r = 0; r < blocks * rows; r++) {
                            double sum = bias == null ? 0 : bias[r];
                            double abs = Math.abs(sum);
                            for (int j = 0; j < length; j++) {
                                double term = (double) w[j] * codes[2 + ((r / rows) * length + j) * rows + r % rows];
                                sum += term;
                                abs += Math.abs(term);
                            }
                            float got = scores[i * blocks * rows + r];
                            assertEquals(sum, got, FloatKernels.relativeErrorBound(length) * abs + 1e-30,
                                    kernels.name() + ", length " + length + ", query " + i + ", row " + r);
                            min = Math.min(min, got);
                        }
                        assertEquals(min, mins[i], kernels.name());
                    }
                }
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> FloatKernels.int8Scores4(new float[3][2], 0, new byte[32],
                0, 1, null, new float[64], new float[4]));
        assertThrows(IllegalArgumentException.class, () -> FloatKernels.int8Scores4(
                new float[][] {new float[2], new float[2], new float[3], new float[2]}, 0, new byte[32], 0, 1, null,
                new float[64], new float[4]));
    }

    @Test
    void int8ScoresOfSmallIntegersAreExactAndTheFacadeChecksBounds() {
        int rows = FloatKernels.CODE_BLOCK_ROWS;
        float[] weights = {1, -2, 3};
        byte[] codes = new byte[3 * rows];
        for (int r = 0; r < rows; r++) {
            codes[r] = (byte) r; // dimension 0
            codes[rows + r] = (byte) -128; // dimension 1
            codes[2 * rows + r] = (byte) 127; // dimension 2
        }
        float[] scores = new float[rows];
        for (VectorKernels kernels : all) {
            assertEquals(637f, kernels.int8Scores(weights, codes, 0, 1, null, scores, 0), kernels.name());
            for (int r = 0; r < rows; r++) {
                assertEquals(r + 256 + 381, scores[r], kernels.name() + ", row " + r);
            }
        }
        float[] bias = new float[rows];
        bias[9] = -1000;
        assertEquals(-1000f + 9 + 637, FloatKernels.int8Scores(weights, codes, 0, 1, bias, scores));
        assertEquals(637f, scores[0]);
        assertEquals(Float.POSITIVE_INFINITY, FloatKernels.int8Scores(weights, codes, 0, 0, null, scores));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatKernels.int8Scores(weights, codes, 1, 1, null, scores));
        assertThrows(IndexOutOfBoundsException.class,
                () -> FloatKernels.int8Scores(weights, codes, 0, 1, null, new float[15]));
        assertThrows(IndexOutOfBoundsException.class,
                () -> FloatKernels.int8Scores(weights, codes, 0, 1, new float[15], scores));
        assertThrows(IllegalArgumentException.class,
                () -> FloatKernels.int8Scores(new float[0], codes, 0, 1, null, scores));
    }

    /**
     * Small integers (codes and weights of a few bits, vectors of integers up to 8) have float sums
     * that are exact in any order, so scalar, 256-bit and 512-bit kernels must give the same bits.
     */
    @Test
    void onSmallIntegersEveryWidthGivesTheSameBits() {
        Random random = new Random(SEED + 4);
        int rows = FloatKernels.CODE_BLOCK_ROWS;
        for (int length : new int[] {1, 7, 16, 31, 64, 100, 512}) {
            float[] a = integers(random, length, 8);
            float[] b = integers(random, length + 3, 8);
            for (VectorKernels kernels : all) {
                String who = kernels.name() + ", length " + length;
                assertEquals(scalar.dot(a, b, 3, length), kernels.dot(a, b, 3, length), 0f, who);
                assertEquals(scalar.squareDistance(a, b, 3, length), kernels.squareDistance(a, b, 3, length), 0f, who);
                assertEquals(scalar.cosine(a, b, 3, length), kernels.cosine(a, b, 3, length), 0f, who);
            }
            int blocks = 3;
            byte[] codes = new byte[1 + blocks * length * rows];
            random.nextBytes(codes);
            float[][] weights = new float[4][];
            for (int q = 0; q < 4; q++) {
                weights[q] = integers(random, length, 64);
            }
            float[] bias = integers(random, blocks * rows, 1_000);
            float[] expected = new float[blocks * rows];
            float[] expected4 = new float[4 * blocks * rows];
            float[] expectedMins = new float[4];
            float expectedMin = scalar.int8Scores(weights[0], codes, 1, blocks, bias, expected, 0);
            scalar.int8Scores4(weights, 0, codes, 1, blocks, bias, expected4, expectedMins);
            for (VectorKernels kernels : all) {
                float[] scores = new float[blocks * rows];
                float[] scores4 = new float[4 * blocks * rows];
                float[] mins = new float[4];
                assertEquals(expectedMin, kernels.int8Scores(weights[0], codes, 1, blocks, bias, scores, 0));
                kernels.int8Scores4(weights, 0, codes, 1, blocks, bias, scores4, mins);
                String who = kernels.name() + ", length " + length;
                assertArrayEquals(expected, scores, who);
                assertArrayEquals(expected4, scores4, who);
                assertArrayEquals(expectedMins, mins, who);
            }
        }
    }

    private static float[] integers(Random random, int length, int bound) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = random.nextInt(2 * bound + 1) - bound;
        }
        return v;
    }

    private static float min(float[] values, int from) {
        float min = Float.POSITIVE_INFINITY;
        for (int i = from; i < values.length; i++) {
            min = Math.min(min, values[i]);
        }
        return min;
    }

    private static float[] gaussian(Random random, int length) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
