package org.cbir.index.quantized;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void aWellFormedFileWithAnInconsistentBodyIsRefused() throws IOException {
        Path file = dir.resolve(Int8ScanIndex.FILE);
        // two rows with the same id, behind a valid checksum
        ChecksummedFiles.write(file, Int8ScanIndex.CODEC, Int8ScanIndex.VERSION, out -> {
            out.writeInt(2);
            ChecksummedFiles.writeString(out, "cosine");
            out.writeInt(2);
            out.writeInt(0);
            ChecksummedFiles.writeFloats(out, new float[0]);
            ChecksummedFiles.writeFloats(out, new float[0]);
            ChecksummedFiles.writeLongs(out, new long[] {5, 5});
            ChecksummedFiles.writeFloats(out, new float[] {1, 2, 3, 4});
        });
        CorruptFileException twice = assertThrows(CorruptFileException.class,
                () -> Int8Scan.withDefaults().load(StoreDirectory.local(dir), Similarity.cosine()));
        assertTrue(twice.getMessage().contains("appears twice"), twice.getMessage());
        // ranges of the wrong length
        ChecksummedFiles.write(file, Int8ScanIndex.CODEC, Int8ScanIndex.VERSION, out -> {
            out.writeInt(2);
            ChecksummedFiles.writeString(out, "cosine");
            out.writeInt(0);
            out.writeInt(1_024);
            ChecksummedFiles.writeFloats(out, new float[3]);
            ChecksummedFiles.writeFloats(out, new float[3]);
            ChecksummedFiles.writeLongs(out, new long[0]);
        });
        assertThrows(CorruptFileException.class, () -> Int8Scan.withDefaults().load(StoreDirectory.local(dir), Similarity.cosine()));
    }
}
