package org.cbir.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Reducer;
import org.cbir.core.spi.Components;
import org.cbir.index.pca.Pca;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module's components come back from their specs through the service loader. */
class IndexComponentsTest {
    @TempDir
    Path dir;

    @Test
    void pcaRoundTripsThroughTheServiceLoader() throws IOException {
        Reducer recipe = Pca.explainedVariance(0.9).whitened();
        Random random = new Random(1);
        List<float[]> rows = new ArrayList<>();
        for (int r = 0; r < 50; r++) {
            float[] row = new float[6];
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (random.nextGaussian() * (j + 1));
            }
            rows.add(row);
        }
        Reducer.Fitted fitted = recipe.fit(rows);
        fitted.save(dir);

        Reducer restored = Components.restore(recipe.spec(), null, Reducer.class);
        assertEquals(recipe.spec(), restored.spec());
        Reducer.Fitted loaded = restored.load(dir);
        assertArrayEquals(fitted.apply(rows.get(0)), loaded.apply(rows.get(0)), 0);
    }

    @Test
    void refusesTypesItDoesNotDefine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IndexComponents().restore(ComponentSpec.of("exact"), null));
        assertTrue(e.getMessage().contains("'exact'"), e.getMessage());
    }
}
