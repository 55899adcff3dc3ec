package org.cbir.index.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cbir.core.Index;
import org.cbir.core.Similarity;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.FormatVersionException;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.index.ClusteredVectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save, reload, go on updating; refuse truncated, altered, newer and foreign files. */
class LshForestPersistenceTest {
    private static final Similarity COSINE = Similarity.cosine();
    private static final LshForest FOREST = LshForest.builder().trees(4).candidates(20).hashBits(40).seed(7).build();
    private static final List<float[]> DATA = ClusteredVectors.generate(5_000, 12, 15, 0.4, 21);

    @TempDir
    Path dir;
    private Index index;

    @BeforeEach
    void fill() {
        index = FOREST.create(12, COSINE);
        for (int i = 0; i < 4_500; i++) { // more than one merge, and a tail left pending at save
            index.add(1_000_000L + i, DATA.get(i));
        }
        for (int i = 0; i < 4_500; i += 9) {
            index.remove(1_000_000L + i);
        }
    }

    @Test
    void reloadedIndexAnswersIdenticallyAndAcceptsUpdates() throws IOException {
        index.save(StoreDirectory.local(dir));
        Index loaded = FOREST.load(StoreDirectory.local(dir), COSINE);
        assertEquals(index.size(), loaded.size());
        assertEquals(FOREST.spec(), loaded.spec());
        assertEquals(12, loaded.dimension());
        assertFalse(loaded.contains(1_000_000L));
        assertTrue(loaded.contains(1_000_001L));
        for (int q = 4_500; q < 4_600; q++) {
            assertEquals(index.search(DATA.get(q), 10), loaded.search(DATA.get(q), 10));
        }
        for (int i = 4_500; i < 5_000; i++) {
            loaded.add(i, DATA.get(i));
            index.add(i, DATA.get(i));
        }
        assertTrue(loaded.remove(1_000_001L));
        assertTrue(index.remove(1_000_001L));
        for (int q = 0; q < 5_000; q += 50) {
            assertEquals(index.search(DATA.get(q), 10), loaded.search(DATA.get(q), 10));
        }
    }

    @Test
    void emptyIndexRoundTrips() throws IOException {
        FOREST.create(3, COSINE).save(StoreDirectory.local(dir));
        Index loaded = FOREST.load(StoreDirectory.local(dir), COSINE);
        assertEquals(0, loaded.size());
        loaded.add(1, new float[] {1, 2, 3});
        assertEquals(1, loaded.search(new float[] {1, 2, 3}, 1).get(0).id());
    }

    @Test
    void refusesAnIndexSavedWithOtherParameters() throws IOException {
        index.save(StoreDirectory.local(dir));
        LshForest other = LshForest.builder().trees(4).candidates(21).hashBits(40).seed(7).build();
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> other.load(StoreDirectory.local(dir), COSINE));
        assertTrue(e.getMessage().contains("lsh-forest.bin") && e.getMessage().contains("candidates=20"),
                e.getMessage());
    }

    @Test
    void refusesTruncatedFlippedAndNewerFiles() throws IOException {
        index.save(StoreDirectory.local(dir));
        Path file = dir.resolve(LshForestFiles.FILE);
        byte[] good = Files.readAllBytes(file);

        Files.write(file, Arrays.copyOf(good, good.length - 100));
        assertThrows(CorruptFileException.class, () -> FOREST.load(StoreDirectory.local(dir), COSINE));

        for (int position : new int[] {30, good.length / 3, good.length - 20}) {
            byte[] flipped = good.clone();
            flipped[position] ^= 0x01;
            Files.write(file, flipped);
            CorruptFileException e = assertThrows(CorruptFileException.class, () -> FOREST.load(StoreDirectory.local(dir), COSINE));
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        }

        ChecksummedFiles.write(file, LshForestFiles.CODEC, LshForestFiles.VERSION + 1, out -> out.writeInt(1));
        FormatVersionException version = assertThrows(FormatVersionException.class, () -> FOREST.load(StoreDirectory.local(dir), COSINE));
        assertEquals(LshForestFiles.VERSION + 1, version.found());
    }

    @Test
    void refusesWellFormedFilesWithInconsistentContent() throws IOException {
        // 10.., 01..: unsorted
        writeTinyForest(new long[] {5, 6}, new long[] {Long.MIN_VALUE, 1L << 62});
        CorruptFileException unsorted = assertThrows(CorruptFileException.class, () -> TINY.load(StoreDirectory.local(dir), COSINE));
        assertTrue(unsorted.getMessage().contains("unsorted"), unsorted.getMessage());
        assertInstanceOf(InvalidFileException.class, unsorted);

        writeTinyForest(new long[] {5, 5}, new long[] {1L << 62, Long.MIN_VALUE});
        CorruptFileException repeated = assertThrows(CorruptFileException.class, () -> TINY.load(StoreDirectory.local(dir), COSINE));
        assertTrue(repeated.getMessage().contains("id 5 appears twice"), repeated.getMessage());
    }

    private static final LshForest TINY = LshForest.builder().trees(1).candidates(1).minHashMatch(0).hashBits(2)
            .seed(1).build();

    /** A hand-written file of TINY: dimension 1, two vectors with {@code ids} and one tree of {@code hashes}. */
    private void writeTinyForest(long[] ids, long[] hashes) throws IOException {
        ChecksummedFiles.write(dir.resolve(LshForestFiles.FILE), LshForestFiles.CODEC, LshForestFiles.VERSION, out -> {
            out.writeInt(1);
            out.writeInt(1);
            out.writeInt(2);
            out.writeInt(1);
            out.writeInt(0);
            out.writeLong(1);
            ChecksummedFiles.writeFloats(out, new float[] {1});
            ChecksummedFiles.writeFloats(out, new float[] {-1});
            out.writeInt(2);
            ChecksummedFiles.writeLongs(out, ids);
            ChecksummedFiles.writeFloats(out, new float[] {1, -1});
            ChecksummedFiles.writeLongs(out, hashes);
            ChecksummedFiles.writeInts(out, new int[] {0, 1});
        });
    }
}
