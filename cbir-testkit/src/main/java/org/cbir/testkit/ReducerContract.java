package org.cbir.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cbir.core.Reducer;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.core.spi.RestoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Reducer} and its {@link Reducer.Fitted} transform promise, as a JUnit 5
 * suite: extend it and give the {@link #recipe()} under test. Checked: the fitted dimensions, the
 * sample and the inputs left untouched, fresh finite outputs, determinism, the same outputs from
 * many threads, refusals of an empty or ragged sample and of a wrong input length, a spec the
 * registry restores, save and load with identical outputs, and the corruption of every saved file.
 */
public abstract class ReducerContract {
    /** The input dimension of the contract's samples. */
    protected static final int DIMENSION = 12;

    @TempDir
    Path temporary;

    /** The recipe under test. */
    protected abstract Reducer recipe();

    /** A seeded sample of {@code rows} correlated rows of {@link #DIMENSION} values (non-negative, for histogram-minded reducers). */
    protected static List<float[]> sample(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> sample = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            float[] row = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                row[d] = (float) (a * (d + 1) + b * (DIMENSION - d) + 0.1 * random.nextDouble());
            }
            sample.add(row);
        }
        return sample;
    }

    private static List<float[]> copies(List<float[]> rows) {
        return rows.stream().map(float[]::clone).toList();
    }

    @Test
    void fittingKeepsTheSampleAndGivesTheDeclaredDimensions() {
        List<float[]> sample = sample(200, 1);
        List<float[]> before = copies(sample);
        Reducer.Fitted fitted = recipe().fit(sample);
        for (int i = 0; i < sample.size(); i++) {
            assertArrayEquals(before.get(i), sample.get(i), "fit modified sample row " + i);
        }
        assertEquals(DIMENSION, fitted.inputDimension());
        assertTrue(fitted.outputDimension() >= 1);
        for (float[] row : sample(20, 2)) {
            float[] input = row.clone();
            float[] out = fitted.apply(row);
            assertArrayEquals(input, row, "apply modified its input");
            assertEquals(fitted.outputDimension(), out.length);
            for (float v : out) {
                assertTrue(Float.isFinite(v), "non-finite output");
            }
            float[] again = fitted.apply(row);
            assertNotSame(out, again, "each call returns a fresh array");
            assertArrayEquals(out, again, "apply is deterministic");
        }
    }

    @Test
    void fittingIsRepeatable() {
        Reducer.Fitted first = recipe().fit(sample(200, 3));
        Reducer.Fitted second = recipe().fit(sample(200, 3));
        for (float[] row : sample(10, 4)) {
            assertArrayEquals(first.apply(row), second.apply(row), "two fits of one sample differ");
        }
    }

    @Test
    void refusesBadSamplesAndInputs() {
        assertThrows(IllegalArgumentException.class, () -> recipe().fit(List.of()), "empty sample");
        List<float[]> ragged = new ArrayList<>(sample(50, 5));
        ragged.add(new float[DIMENSION + 1]);
        assertThrows(IllegalArgumentException.class, () -> recipe().fit(ragged), "ragged sample");
        Reducer.Fitted fitted = recipe().fit(sample(200, 5));
        assertThrows(IllegalArgumentException.class, () -> fitted.apply(new float[DIMENSION - 1]), "wrong length");
    }

    @Test
    void theFittedTransformIsThreadSafe() throws Exception {
        Reducer.Fitted fitted = recipe().fit(sample(200, 6));
        List<float[]> inputs = sample(64, 7);
        List<float[]> sequential = inputs.stream().map(fitted::apply).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (float[] input : inputs) {
                    futures.add(pool.submit(() -> fitted.apply(input)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(sequential.get(i % inputs.size()), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSpecRestoresAndTheSavedTransformLoadsIdentically() throws IOException {
        Reducer restored = ComponentRegistry.standard().restore(ComponentRole.REDUCER, recipe().spec());
        assertEquals(recipe().spec(), restored.spec());
        Reducer.Fitted fitted = recipe().fit(sample(200, 8));
        StoreDirectory directory = StoreDirectory.local(Files.createDirectory(temporary.resolve("saved")));
        fitted.save(directory);
        Reducer.Fitted loaded = load(directory);
        assertEquals(fitted.inputDimension(), loaded.inputDimension());
        assertEquals(fitted.outputDimension(), loaded.outputDimension());
        for (float[] row : sample(20, 9)) {
            assertArrayEquals(fitted.apply(row), loaded.apply(row), "the loaded transform differs");
        }
    }

    @Test
    void everySavedFileIsCheckedOnLoad() throws IOException {
        Reducer.Fitted fitted = recipe().fit(sample(200, 10));
        Path directory = Files.createDirectory(temporary.resolve("corrupt"));
        fitted.save(StoreDirectory.local(directory));
        int files = SavedStateCorruption.assertEveryFileIsChecked(directory, this::load);
        assertTrue(files > 0, "the fitted transform saved no file");
    }

    /** The fitted transform saved in {@code directory}, restored through the standard registry. */
    private Reducer.Fitted load(StoreDirectory directory) throws IOException {
        ComponentRegistry registry = ComponentRegistry.standard();
        return registry.restore(ComponentRole.FITTED_REDUCER, recipe().spec(), RestoreContext.withState(registry, directory));
    }
}
