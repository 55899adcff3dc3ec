package org.cbir.core.internal.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.cbir.core.Reducer;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.FormatVersionException;
import org.cbir.core.io.StoreDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FittedZScorePersistenceTest {
    @TempDir
    Path dir;

    private Path saved() throws IOException {
        ZScore.standardisation().fit(ZScoreTest.SAMPLE).save(StoreDirectory.local(dir));
        return dir.resolve(FittedZScore.FILE_NAME);
    }

    @Test
    void roundTripKeepsTheTransform() throws IOException {
        FittedZScore original = ZScore.standardisation().fit(ZScoreTest.SAMPLE);
        original.save(StoreDirectory.local(dir));
        Reducer.Fitted loaded = FittedZScore.load(StoreDirectory.local(dir));
        FittedZScore z = (FittedZScore) loaded;
        assertArrayEquals(original.means(), z.means());
        assertArrayEquals(original.standardDeviations(), z.standardDeviations());
        float[] q = {1f, 2f, 8f, -1f};
        assertArrayEquals(original.apply(q), loaded.apply(q));
    }

    @Test
    void everyFlippedByteIsRefused() throws IOException {
        byte[] good = Files.readAllBytes(saved());
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            Files.write(dir.resolve(FittedZScore.FILE_NAME), bad);
            int at = i;
            IOException e = assertThrows(IOException.class, () -> FittedZScore.load(StoreDirectory.local(dir)), "flip at byte " + at);
            assertTrue(e instanceof CorruptFileException, "flip at byte " + at + ": " + e);
        }
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        byte[] good = Files.readAllBytes(saved());
        Files.write(dir.resolve(FittedZScore.FILE_NAME), Arrays.copyOf(good, good.length - 5));
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> FittedZScore.load(StoreDirectory.local(dir)));
        assertTrue(e.getMessage().contains(FittedZScore.FILE_NAME), e.getMessage());
    }

    @Test
    void invalidValuesInAnIntactFileAreRefused() throws IOException {
        ChecksummedFiles.write(dir.resolve(FittedZScore.FILE_NAME), FittedZScore.CODEC, FittedZScore.VERSION, out -> {
            ChecksummedFiles.writeFloats(out, new float[] {1f, 2f});
            ChecksummedFiles.writeFloats(out, new float[] {1f, -3f});
        });
        assertThrows(CorruptFileException.class, () -> FittedZScore.load(StoreDirectory.local(dir)));
    }

    @Test
    void otherVersionAndMissingFileAreRefused() throws IOException {
        ChecksummedFiles.write(dir.resolve(FittedZScore.FILE_NAME), FittedZScore.CODEC, FittedZScore.VERSION + 1, out -> {
            ChecksummedFiles.writeFloats(out, new float[] {1f});
            ChecksummedFiles.writeFloats(out, new float[] {1f});
        });
        assertThrows(FormatVersionException.class, () -> FittedZScore.load(StoreDirectory.local(dir)));
        Files.delete(dir.resolve(FittedZScore.FILE_NAME));
        assertThrows(NoSuchFileException.class, () -> FittedZScore.load(StoreDirectory.local(dir)));
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }
}
