package org.cbir.core.internal.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cbir.core.Index;
import org.cbir.core.Similarity;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.StoreDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading an exact index, onto the heap and memory-mapped, in both format versions. */
class ExactScanFileTest {
    private static final Similarity COSINE = new CosineDistance();
    private static final int DIMENSION = 37;

    @TempDir
    Path directory;

    @Test
    void heapAndMappedLoadsSearchLikeTheSavedIndex() throws IOException {
        Random random = new Random(3);
        Index saved = filled(random, 2_500);
        saved.save(StoreDirectory.local(directory));
        Index heap = ExactScan.load(StoreDirectory.local(directory), COSINE, false);
        Index mapped = ExactScan.load(StoreDirectory.local(directory), COSINE, true);
        List<float[]> queries = queries(random, 5);
        assertEquals(saved.searchAll(queries, 12), heap.searchAll(queries, 12));
        assertEquals(saved.searchAll(queries, 12), mapped.searchAll(queries, 12));
        assertEquals(saved.size(), mapped.size());
        for (long id = 0; id < 2_500; id += 97) {
            assertArrayEquals(saved.vector(id).orElseThrow(), mapped.vector(id).orElseThrow());
        }
    }

    @Test
    void aMappedIndexTakesAdditionsOnTheHeapAndRemovalsAsDeadRows() throws IOException {
        Random random = new Random(4);
        Index reference = filled(random, 1_000);
        reference.save(StoreDirectory.local(directory));
        Index mapped = ExactScan.load(StoreDirectory.local(directory), COSINE, true);
        for (long id = 0; id < 1_000; id += 4) {
            assertTrue(mapped.remove(id));
            reference.remove(id);
        }
        assertFalse(mapped.remove(0));
        for (long id = 5_000; id < 5_200; id++) {
            float[] v = gaussian(random);
            mapped.add(id, v);
            reference.add(id, v);
        }
        assertTrue(mapped.remove(5_010));
        reference.remove(5_010);
        mapped.add(0, reference.vector(1).orElseThrow());
        reference.add(0, reference.vector(1).orElseThrow());
        assertEquals(reference.size(), mapped.size());
        List<float[]> queries = queries(random, 4);
        assertEquals(reference.searchAll(queries, 30), mapped.searchAll(queries, 30));

        Path again = Files.createDirectory(directory.resolve("again"));
        mapped.save(StoreDirectory.local(again));
        Index reloaded = ExactScan.load(StoreDirectory.local(again), COSINE, true);
        assertEquals(reference.size(), reloaded.size());
        assertEquals(reference.searchAll(queries, 30), reloaded.searchAll(queries, 30));
    }

    @Test
    void theVectorsStartAlignedAndLittleEndianAsTheGrammarSays() throws IOException {
        Index index = new ExactScan().create(3, COSINE);
        index.add(42, new float[] {1.5f, -2f, 3.25f});
        index.add(43, new float[] {4f, 5f, 6f});
        index.save(StoreDirectory.local(directory));
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(directory.resolve(ExactScanFile.FILE)));
        int header = 3 * Integer.BYTES + "cbir.exact-index".length() + 16; // 16: the save id
        assertEquals(2, file.getInt(header - 16 - Integer.BYTES));
        assertEquals(3, file.getInt(header));
        assertEquals(2, file.getInt(header + 4));
        assertEquals(2, file.getInt(header + 8));
        assertEquals(42L, file.getLong(header + 12));
        assertEquals(43L, file.getLong(header + 20));
        int vectors = 128; // 44 + 12 + 16 = 72 bytes, padded to the next multiple of 64
        for (int p = header + 28; p < vectors; p++) {
            assertEquals(0, file.get(p));
        }
        file.order(ByteOrder.LITTLE_ENDIAN);
        float[] expected = {1.5f, -2f, 3.25f, 4f, 5f, 6f};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], file.getFloat(vectors + 4 * i));
        }
        assertEquals(vectors + 24 + ChecksummedFiles.FOOTER_LENGTH, file.capacity());
    }

    @Test
    void formatVersionOneIsStillRead() throws IOException {
        Random random = new Random(8);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            vectors.add(gaussian(random));
        }
        ChecksummedFiles.write(directory.resolve(ExactScanFile.FILE), ExactScanFile.CODEC, 1, out -> {
            out.writeInt(DIMENSION);
            out.writeInt(vectors.size());
            for (int i = 0; i < vectors.size(); i++) {
                out.writeLong(1_000 + i);
                ChecksummedFiles.writeFloats(out, vectors.get(i));
            }
        });
        Index expected = new ExactScan().create(DIMENSION, COSINE);
        for (int i = 0; i < vectors.size(); i++) {
            expected.add(1_000 + i, vectors.get(i));
        }
        List<float[]> queries = queries(random, 3);
        assertEquals(expected.searchAll(queries, 7), ExactScan.load(StoreDirectory.local(directory), COSINE, false).searchAll(queries, 7));
        assertEquals(expected.searchAll(queries, 7), ExactScan.load(StoreDirectory.local(directory), COSINE, true).searchAll(queries, 7));
    }

    @Test
    void aFlippedBitOrATruncationIsRefusedByBothLoads() throws IOException {
        filled(new Random(9), 200).save(StoreDirectory.local(directory));
        Path file = directory.resolve(ExactScanFile.FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 100] ^= 0x10; // inside the vectors
        Files.write(file, bytes);
        for (boolean mapped : List.of(false, true)) {
            CorruptFileException e = assertThrows(CorruptFileException.class, () -> ExactScan.load(StoreDirectory.local(directory), COSINE, mapped));
            assertTrue(e.getMessage().contains(ExactScanFile.FILE), e.getMessage());
        }
        bytes[bytes.length - 100] ^= 0x10;
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 30));
        for (boolean mapped : List.of(false, true)) {
            assertThrows(CorruptFileException.class, () -> ExactScan.load(StoreDirectory.local(directory), COSINE, mapped));
        }
    }

    @Test
    void duplicateIdsInAnIntactFileAreRefused() throws IOException {
        ChecksummedFiles.write(directory.resolve(ExactScanFile.FILE), ExactScanFile.CODEC, 2, out -> {
            out.writeInt(1);
            out.writeInt(2);
            ChecksummedFiles.writeLongs(out, new long[] {5, 5});
            out.write(new byte[(int) (-(44 + 12 + 16) & 63)]);
            out.write(new byte[8]);
        });
        for (boolean mapped : List.of(false, true)) {
            CorruptFileException e = assertThrows(CorruptFileException.class, () -> ExactScan.load(StoreDirectory.local(directory), COSINE, mapped));
            assertTrue(e.getMessage().contains("id 5 appears twice"), e.getMessage());
        }
    }

    private static Index filled(Random random, int count) {
        Index index = new ExactScan().create(DIMENSION, COSINE);
        for (int i = 0; i < count; i++) {
            index.add(i, gaussian(random));
        }
        return index;
    }

    private static List<float[]> queries(Random random, int count) {
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            queries.add(gaussian(random));
        }
        return queries;
    }

    private static float[] gaussian(Random random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
