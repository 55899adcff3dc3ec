package org.cbir.core.internal.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Both kernel implementations against a double-precision reference and against each other, over
 * every length from 1 to 67 (so every vector width meets a scalar tail of every size) and several
 * offsets into a larger store, after Lucene's {@code TestVectorUtilSupport}. Surefire runs this
 * module with {@code --add-modules jdk.incubator.vector}, so the Vector API kernels are tested in
 * the same run as the scalar ones.
 */
class VectorKernelsTest {
    private static final long SEED = 20_261_125L;
    private static final int[] OFFSETS = {0, 1, 3, 17, 64};

    private final VectorKernels scalar = new ScalarVectorKernels();
    private final VectorKernels panama = VectorizationProvider.panama().orElseThrow(
            () -> new AssertionError("tests run with --add-modules jdk.incubator.vector, yet no Vector API kernels"));

    @Test
    void theVectorApiIsChosenWhenTheModuleIsPresent() {
        assertTrue(FloatKernels.implementation().startsWith("panama-"), FloatKernels.implementation());
        assertTrue(panama.name().startsWith("panama-"));
        assertEquals("scalar", scalar.name());
    }

    @Test
    void thePropertyOverridesTheChoiceAndAMissingModuleFallsBackToScalar() {
        Supplier<Optional<VectorKernels>> present = () -> Optional.of(panama);
        Supplier<Optional<VectorKernels>> absent = Optional::empty;
        assertEquals("scalar", VectorizationProvider.choose("scalar", present).kernels().name());
        assertEquals(List.of(), VectorizationProvider.choose("scalar", absent).warnings());
        assertEquals(panama.name(), VectorizationProvider.choose(null, present).kernels().name());
        assertEquals(List.of(), VectorizationProvider.choose(null, present).warnings());
        assertEquals(panama.name(), VectorizationProvider.choose(" Panama ", present).kernels().name());
        VectorizationProvider.Choice unknown = VectorizationProvider.choose("unknown", present);
        assertEquals(panama.name(), unknown.kernels().name());
        assertTrue(unknown.warnings().get(0).contains("cbir.vectorization=unknown"), unknown.warnings().toString());
        for (String requested : new String[] {"auto", "panama"}) {
            VectorizationProvider.Choice fallback = VectorizationProvider.choose(requested, absent);
            assertEquals("scalar", fallback.kernels().name());
            assertEquals(1, fallback.warnings().size());
            assertTrue(fallback.warnings().get(0).contains("--add-modules jdk.incubator.vector"));
        }
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
                for (VectorKernels kernels : new VectorKernels[] {scalar, panama}) {
                    String who = kernels.name() + ", " + where;
                    assertEquals(dot, kernels.dot(a, store, offset, length), bound * absDot + 1e-30, who);
                    assertEquals(square, kernels.squareDistance(a, store, offset, length), bound * square + 1e-30, who);
                    assertEquals(cosine, kernels.cosine(a, store, offset, length), 4 * bound + 1e-7, who);
                }
                assertEquals(scalar.dot(a, store, offset, length), panama.dot(a, store, offset, length),
                        2 * bound * absDot + 1e-30, where);
                assertEquals(scalar.squareDistance(a, store, offset, length),
                        panama.squareDistance(a, store, offset, length), 2 * bound * square + 1e-30, where);
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
            assertEquals(dot, scalar.dot(a, b, 0, length), bound);
            assertEquals(dot, panama.dot(a, b, 0, length), bound);
            assertEquals(VectorMath.squaredDistance(a, b), panama.squareDistance(a, b, 0, length),
                    FloatKernels.relativeErrorBound(length) * VectorMath.squaredDistance(a, b));
        }
    }

    @Test
    void handWorkedValuesAreExact() {
        float[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] store = {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        for (VectorKernels kernels : new VectorKernels[] {scalar, panama}) {
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
                    float[] fromScalar = new float[blocks * rows + 3];
                    float[] fromPanama = new float[blocks * rows + 3];
                    float scalarMin = scalar.int8Scores(weights, codes, offset, blocks, bias, fromScalar, 3);
                    float panamaMin = panama.int8Scores(weights, codes, offset, blocks, bias, fromPanama, 3);
                    assertEquals(min(fromScalar, 3), scalarMin);
                    assertEquals(min(fromPanama, 3), panamaMin);
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
                            assertEquals(sum, fromScalar[3 + b * rows + r], bound * abs + 1e-30, "scalar, " + where);
                            assertEquals(sum, fromPanama[3 + b * rows + r], bound * abs + 1e-30, "panama, " + where);
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
                for (VectorKernels kernels : new VectorKernels[] {scalar, panama}) {
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
        for (VectorKernels kernels : new VectorKernels[] {scalar, panama}) {
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
