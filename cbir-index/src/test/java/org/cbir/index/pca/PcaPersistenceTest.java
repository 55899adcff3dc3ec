package org.cbir.index.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.FormatVersionException;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading a fitted PCA, and refusing damaged or foreign files. */
class PcaPersistenceTest {
    private static final List<float[]> ROWS = PcaTest.gaussianRows(100, 10, 5);

    @TempDir
    Path dir;

    @Test
    void reloadedPcaTransformsIdentically() throws IOException {
        Pca recipe = Pca.components(4).whitened();
        FittedPca fitted = recipe.fit(ROWS);
        fitted.save(StoreDirectory.local(dir));
        FittedPca loaded = recipe.load(StoreDirectory.local(dir));
        assertEquals(10, loaded.inputDimension());
        assertEquals(4, loaded.outputDimension());
        assertTrue(loaded.whitened());
        assertArrayEquals(fitted.explainedVarianceRatio(), loaded.explainedVarianceRatio(), 0);
        for (float[] row : ROWS) {
            assertArrayEquals(fitted.apply(row), loaded.apply(row), 0);
        }
    }

    @Test
    void byShareRecipeLoadsWhateverCountItChose() throws IOException {
        Pca recipe = Pca.explainedVariance(0.9);
        FittedPca fitted = recipe.fit(ROWS);
        fitted.save(StoreDirectory.local(dir));
        assertEquals(fitted.outputDimension(), recipe.load(StoreDirectory.local(dir)).outputDimension());
    }

    @Test
    void refusesAFileOfAnotherRecipe() throws IOException {
        Pca.components(4).fit(ROWS).save(StoreDirectory.local(dir));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> Pca.components(3).load(StoreDirectory.local(dir)));
        assertTrue(e.getMessage().contains("pca.bin") && e.getMessage().contains("4 components"), e.getMessage());
        assertThrows(InvalidFileException.class, () -> Pca.components(4).whitened().load(StoreDirectory.local(dir)));
    }

    @Test
    void refusesTruncatedFlippedAndNewerFiles() throws IOException {
        Pca recipe = Pca.components(4);
        recipe.fit(ROWS).save(StoreDirectory.local(dir));
        Path file = dir.resolve("pca.bin");
        byte[] good = Files.readAllBytes(file);

        Files.write(file, Arrays.copyOf(good, good.length - 20));
        assertThrows(CorruptFileException.class, () -> recipe.load(StoreDirectory.local(dir)));

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Files.write(file, flipped);
        CorruptFileException corrupt = assertThrows(CorruptFileException.class, () -> recipe.load(StoreDirectory.local(dir)));
        assertTrue(corrupt.getMessage().contains("checksum"), corrupt.getMessage());

        ChecksummedFiles.write(file, FittedPca.CODEC, FittedPca.VERSION + 1, out -> out.writeInt(0));
        FormatVersionException version = assertThrows(FormatVersionException.class, () -> recipe.load(StoreDirectory.local(dir)));
        assertEquals(FittedPca.VERSION + 1, version.found());
    }

    @Test
    void refusesAWellFormedFileWithInconsistentContent() throws IOException {
        Path file = dir.resolve("pca.bin");
        ChecksummedFiles.write(file, FittedPca.CODEC, FittedPca.VERSION, out -> {
            out.writeInt(3);
            out.writeInt(2);
            out.writeBoolean(false);
            ChecksummedFiles.writeDoubles(out, new double[3]);
            ChecksummedFiles.writeDoubles(out, new double[2]);
            ChecksummedFiles.writeDoubles(out, new double[2]);
            ChecksummedFiles.writeDoubles(out, new double[5]); // should be 2 x 3
        });
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> Pca.components(2).load(StoreDirectory.local(dir)));
        assertTrue(e.getMessage().contains("components has 5 values, expected 6"), e.getMessage());
        assertInstanceOf(InvalidFileException.class, e);
    }
}
