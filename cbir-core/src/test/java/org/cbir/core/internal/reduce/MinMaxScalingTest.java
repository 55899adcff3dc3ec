package org.cbir.core.internal.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Reducer;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.core.spi.RestoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinMaxScalingTest {
    // dimension 0 spans -2..2, dimension 1 is constant 5, dimension 2 spans 0..10
    private static final List<float[]> SAMPLE = List.of(new float[] {-2f, 5f, 0f}, new float[] {2f, 5f, 10f},
            new float[] {0f, 5f, 2.5f});

    @Test
    void scalesEachDimensionToTheUnitRangeAndClampsOutsideIt() {
        FittedMinMax fitted = MinMaxScaling.toUnitRange().fit(SAMPLE);
        assertArrayEquals(new float[] {-2f, 5f, 0f}, fitted.minima());
        assertArrayEquals(new float[] {2f, 5f, 10f}, fitted.maxima());
        // hand-worked: (x - min) / (max - min), the constant dimension at 0, beyond the range clamped
        assertArrayEquals(new float[] {0.5f, 0f, 0.25f}, fitted.apply(new float[] {0f, 5f, 2.5f}), 1e-7f);
        assertArrayEquals(new float[] {0f, 0f, 1f}, fitted.apply(new float[] {-7f, 9f, 30f}), 1e-7f);
        assertThrows(IllegalArgumentException.class, () -> fitted.apply(new float[] {1f}));
    }

    @Test
    void refusesABadSample() {
        MinMaxScaling scaling = MinMaxScaling.toUnitRange();
        assertThrows(IllegalArgumentException.class, () -> scaling.fit(List.of()));
        assertThrows(IllegalArgumentException.class, () -> scaling.fit(List.of(new float[] {1f}, new float[] {1f, 2f})));
        assertThrows(IllegalArgumentException.class, () -> scaling.fit(List.<float[]>of(new float[] {Float.NaN})));
    }

    @Test
    void savesLoadsAndRestoresFromItsSpec(@TempDir Path dir) throws IOException {
        FittedMinMax fitted = MinMaxScaling.toUnitRange().fit(SAMPLE);
        fitted.save(StoreDirectory.local(dir));
        ComponentRegistry registry = ComponentRegistry.standard();
        assertEquals(MinMaxScaling.toUnitRange().spec(), registry.restore(ComponentRole.REDUCER, ComponentSpec.of("min-max")).spec());
        RestoreContext saved = RestoreContext.withState(registry, StoreDirectory.local(dir));
        Reducer.Fitted loaded = registry.restore(ComponentRole.FITTED_REDUCER, ComponentSpec.of("min-max"), saved);
        float[] probe = {1f, 5f, 7.5f};
        assertArrayEquals(fitted.apply(probe), loaded.apply(probe));
        assertEquals(3, loaded.outputDimension());
        Path file = dir.resolve(FittedMinMax.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertThrows(InvalidFileException.class,
                () -> registry.restore(ComponentRole.FITTED_REDUCER, ComponentSpec.of("min-max"), saved));
    }
}
