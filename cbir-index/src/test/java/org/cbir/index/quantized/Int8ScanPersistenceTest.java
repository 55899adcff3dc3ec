package org.cbir.index.quantized;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cbir.core.Index;
import org.cbir.core.Similarity;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.index.ClusteredVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save, reload (results identical), go on updating; refuse truncated, altered and mismatched files. */
class Int8ScanPersistenceTest {
    private static final List<float[]> DATA = ClusteredVectors.generate(3_600, 12, 15, 0.4, 41);

    @TempDir
    Path dir;

    private Int8ScanIndex filled(int count, org.cbir.core.Similarity similarity) {
        Int8ScanIndex index = Int8Scan.withDefaults().create(12, similarity);
        for (int i = 0; i < count; i++) {
            index.add(1_000_000L + i, DATA.get(i));
        }
        for (int i = 0; i < count; i += 9) {
            index.remove(1_000_000L + i);
        }
        return index;
    }

    @Test
    void reloadedIndexAnswersIdenticallyAndAcceptsUpdates() throws IOException {
        for (org.cbir.core.Similarity similarity : List.of(Similarity.cosine(), Int8ScanIndexTest.EUCLIDEAN)) {
            for (int count : new int[] {700, 3_000}) { // before and after the ranges are learned
                Int8ScanIndex index = filled(count, similarity);
                Path target = Files.createDirectories(dir.resolve(similarity.spec().type() + count));
                index.save(StoreDirectory.local(target));
                Int8ScanIndex loaded = Int8Scan.withDefaults().load(StoreDirectory.local(target), similarity);
                assertEquals(index.size(), loaded.size());
                assertEquals(index.quantized(), loaded.quantized());
                assertEquals(12, loaded.dimension());
                assertFalse(loaded.contains(1_000_000L));
                assertTrue(loaded.contains(1_000_001L));
                List<float[]> queries = DATA.subList(3_000, 3_100);
                assertEquals(index.searchAll(queries, 10), loaded.searchAll(queries, 10));
                for (int i = 3_100; i < 3_600; i++) {
                    index.add(i, DATA.get(i));
                    loaded.add(i, DATA.get(i));
                }
                assertEquals(index.searchAll(queries, 10), loaded.searchAll(queries, 10));
            }
        }
    }

    @Test
    void theRegistryRestoresTheFactoryThatLoadsTheIndex() throws IOException {
        Int8ScanIndex index = filled(1_500, Similarity.cosine());
        index.save(StoreDirectory.local(dir));
        org.cbir.core.IndexFactory restored = ComponentRegistry.standard().restore(ComponentRole.INDEX,
                Int8Scan.withDefaults().spec());
        assertEquals(Int8Scan.withDefaults().spec(), restored.spec());
        Index loaded = ComponentRegistry.standard().restore(ComponentRole.SAVED_INDEX, restored.spec(),
                org.cbir.core.spi.RestoreContext.withState(ComponentRegistry.standard(), StoreDirectory.local(dir))
                        .withSimilarity(Similarity.cosine()));
        assertEquals(index.search(DATA.get(3_000), 5), loaded.search(DATA.get(3_000), 5));
    }

    @Test
    void truncatedAlteredAndMismatchedFilesAreRefused() throws IOException {
        filled(2_000, Similarity.cosine()).save(StoreDirectory.local(dir));
        Path file = dir.resolve(Int8ScanIndex.FILE);
        byte[] original = Files.readAllBytes(file);

        Files.write(file, Arrays.copyOf(original, original.length - 100));
        assertThrows(CorruptFileException.class, () -> Int8Scan.withDefaults().load(StoreDirectory.local(dir), Similarity.cosine()));

        byte[] flipped = original.clone();
        flipped[original.length / 2] ^= 0x10;
        Files.write(file, flipped);
        CorruptFileException altered = assertThrows(CorruptFileException.class,
                () -> Int8Scan.withDefaults().load(StoreDirectory.local(dir), Similarity.cosine()));
        assertTrue(altered.getMessage().contains(Int8ScanIndex.FILE), altered.getMessage());

        Files.write(file, original);
        InvalidFileException metric = assertThrows(InvalidFileException.class,
                () -> Int8Scan.withDefaults().load(StoreDirectory.local(dir), Int8ScanIndexTest.EUCLIDEAN));
        assertTrue(metric.getMessage().contains("cosine"), metric.getMessage());
    }

    /** The fields before the rows, as the class comment of {@link Int8ScanIndex} lists them, cosine, zero ranges. */
    private static void writeHeader(DataOutputStream out, int dimension, int count, int learnedAt, int ranges)
            throws IOException {
        out.writeInt(dimension);
        ChecksummedFiles.writeString(out, "cosine");
        out.writeInt(count);
        out.writeInt(learnedAt);
        ChecksummedFiles.writeFloats(out, new float[ranges]);
        ChecksummedFiles.writeFloats(out, new float[ranges]);
    }

    @Test
    void aWellFormedFileWithAnInconsistentBodyIsRefused() throws IOException {
        Path file = dir.resolve(Int8ScanIndex.FILE);
        // two rows with the same id, behind a valid checksum, in the block layout of version 1
        ChecksummedFiles.write(file, Int8ScanIndex.CODEC, Int8ScanIndex.BLOCKS_VERSION, out -> {
            writeHeader(out, 2, 2, 0, 0);
            ChecksummedFiles.writeLongs(out, new long[] {5, 5});
            ChecksummedFiles.writeFloats(out, new float[] {1, 2, 3, 4});
        });
        CorruptFileException twice = assertThrows(CorruptFileException.class,
                () -> Int8Scan.withDefaults().load(StoreDirectory.local(dir), Similarity.cosine()));
        assertTrue(twice.getMessage().contains("appears twice"), twice.getMessage());
        // and in the contiguous layout, read onto the heap and mapped
        ChecksummedFiles.write(file, Int8ScanIndex.CODEC, Int8ScanIndex.VERSION, out -> {
            writeHeader(out, 2, 2, 0, 0);
            ChecksummedFiles.writeLongs(out, new long[] {5, 5});
            ChecksummedFiles.writePadding(out, 64);
            out.write(new byte[16]);
        });
        for (boolean map : new boolean[] {false, true}) {
            CorruptFileException repeated = assertThrows(CorruptFileException.class,
                    () -> Int8Scan.withDefaults().load(StoreDirectory.local(dir), Similarity.cosine(), map));
            assertTrue(repeated.getMessage().contains("appears twice"), repeated.getMessage());
        }
        // ranges of the wrong length
        ChecksummedFiles.write(file, Int8ScanIndex.CODEC, Int8ScanIndex.VERSION, out -> {
            writeHeader(out, 2, 0, 1_024, 3);
            ChecksummedFiles.writeLongs(out, new long[0]);
        });
        assertThrows(CorruptFileException.class, () -> Int8Scan.withDefaults().load(StoreDirectory.local(dir), Similarity.cosine()));
    }

    @Test
    void aMappedLoadAnswersAsTheHeapLoadThroughAdditionsAndRemovals() throws IOException {
        for (Similarity similarity : List.of(Similarity.cosine(), Int8ScanIndexTest.EUCLIDEAN)) {
            Int8ScanIndex index = filled(3_000, similarity);
            Path target = Files.createDirectories(dir.resolve("mapped-" + similarity.spec().type()));
            index.save(StoreDirectory.local(target));
            Int8ScanIndex heap = Int8Scan.withDefaults().load(StoreDirectory.local(target), similarity, false);
            Int8ScanIndex mapped = Int8Scan.withDefaults().load(StoreDirectory.local(target), similarity, true);
            assertEquals(0, heap.store.mappedRows());
            assertEquals(index.size(), mapped.store.mappedRows(), "every saved row is read in place");
            List<float[]> queries = DATA.subList(3_000, 3_100);
            assertEquals(index.searchAll(queries, 10), mapped.searchAll(queries, 10));
            // additions go to the heap; removals of saved rows take the last row's vector into a patch
            for (int i = 3_100; i < 3_600; i++) {
                heap.add(i, DATA.get(i));
                mapped.add(i, DATA.get(i));
            }
            for (long id = 1_000_001L; id < 1_003_000L; id += 5) {
                assertEquals(heap.remove(id), mapped.remove(id), "remove " + id);
            }
            for (long id = 3_100; id < 3_600; id += 3) {
                assertTrue(heap.remove(id) && mapped.remove(id));
            }
            assertEquals(heap.size(), mapped.size());
            assertEquals(heap.searchAll(queries, 10), mapped.searchAll(queries, 10));
            for (long id = 1_000_002L; id < 1_003_000L; id += 37) {
                assertEquals(heap.contains(id), mapped.contains(id));
                if (heap.contains(id)) {
                    assertArrayEquals(heap.vector(id).orElseThrow(), mapped.vector(id).orElseThrow(), "vector " + id);
                }
            }
            // saved again from mapped and patched rows, it loads with the same answers
            Path again = Files.createDirectories(dir.resolve("again-" + similarity.spec().type()));
            mapped.save(StoreDirectory.local(again));
            Int8ScanIndex reloaded = Int8Scan.withDefaults().load(StoreDirectory.local(again), similarity, true);
            assertEquals(heap.searchAll(queries, 10), reloaded.searchAll(queries, 10));
        }
    }

    @Test
    void aMappedFileRewrittenInPlaceIsReportedNotRead() throws IOException {
        filled(2_000, Similarity.cosine()).save(StoreDirectory.local(dir));
        Int8ScanIndex mapped = Int8Scan.withDefaults().load(StoreDirectory.local(dir), Similarity.cosine(), true);
        float[] query = DATA.get(3_000);
        assertEquals(10, mapped.search(query, 10).size());
        Path file = dir.resolve(Int8ScanIndex.FILE);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2)); // in place: same file, new length
        IllegalStateException changed = assertThrows(IllegalStateException.class, () -> mapped.search(query, 10));
        assertTrue(changed.getMessage().contains(Int8ScanIndex.FILE), changed.getMessage());
    }

    @Test
    void aFileOfTheBlockLayoutOfVersionOneIsStillRead() throws IOException {
        int count = 700; // below the 1,024 rows at which ranges are learned, so the file has none
        Int8ScanIndex fresh = Int8Scan.withDefaults().create(12, Similarity.cosine());
        long[] ids = new long[count];
        float[] vectors = new float[count * 12];
        for (int i = 0; i < count; i++) {
            ids[i] = 50L + i;
            fresh.add(ids[i], DATA.get(i));
            System.arraycopy(DATA.get(i), 0, vectors, 12 * i, 12);
        }
        ChecksummedFiles.write(dir.resolve(Int8ScanIndex.FILE), Int8ScanIndex.CODEC, Int8ScanIndex.BLOCKS_VERSION, out -> {
            writeHeader(out, 12, count, 0, 0);
            ChecksummedFiles.writeLongs(out, ids);
            ChecksummedFiles.writeFloats(out, vectors); // one block: fewer than 1,024 rows
        });
        List<float[]> queries = DATA.subList(3_000, 3_050);
        for (boolean map : new boolean[] {false, true}) {
            Int8ScanIndex loaded = Int8Scan.withDefaults().load(StoreDirectory.local(dir), Similarity.cosine(), map);
            assertEquals(0, loaded.store.mappedRows(), "version 1 is read onto the heap");
            assertEquals(fresh.searchAll(queries, 10), loaded.searchAll(queries, 10));
        }
    }
}
