package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cbir.core.TestComponents.RowMeans;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.internal.io.Manifest;
import org.cbir.core.io.FormatVersionException;
import org.cbir.core.io.InvalidFileException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved pipeline that was damaged is refused with an error naming the damaged file. */
class PipelinePersistenceTest {
    @TempDir
    Path dir;
    private Path saved;

    @BeforeEach
    void saveSmallPipeline() throws IOException {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new RowMeans(2)).build();
        pipeline.addAll(ImageCollection.of(List.of(
                new ImageEntry.InMemory("a", "x", Image.grey(1, 2, new float[] {1, 0})),
                new ImageEntry.InMemory("b", "y", Image.grey(1, 2, new float[] {0, 1})))));
        saved = dir.resolve("small.cbir");
        pipeline.save(saved);
    }

    @Test
    void manifestIsHumanReadable() throws IOException {
        String manifest = Files.readString(saved.resolve("manifest.txt"));
        for (String line : List.of("format = cbir-pipeline", "format.version = 2", "extractor.type = row-means",
                "extractor.param.rows = 2", "index.type = exact", "similarity.type = cosine", "count = 2",
                "dimension = 2")) {
            assertTrue(manifest.contains(line), "manifest lacks '" + line + "':\n" + manifest);
        }
    }

    @Test
    void truncatedRecordsAreRefused() throws IOException {
        Path records = saved.resolve("records.bin");
        byte[] bytes = Files.readAllBytes(records);
        Files.write(records, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertRefusedNaming(records);
    }

    @Test
    void flippedBitInTheIndexIsRefused() throws IOException {
        Path vectors = saved.resolve("index").resolve("vectors.bin");
        byte[] bytes = Files.readAllBytes(vectors);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(vectors, bytes);
        assertRefusedNaming(vectors);
    }

    @Test
    void editedManifestIsRefused() throws IOException {
        Path manifest = saved.resolve("manifest.txt");
        Files.writeString(manifest, Files.readString(manifest).replace("count = 2", "count = 3"));
        assertRefusedNaming(manifest);
    }

    @Test
    void newerFormatVersionIsRefusedAsSuch() throws IOException {
        Path manifestFile = saved.resolve("manifest.txt");
        Manifest.Builder rewritten = Manifest.builder();
        for (Map.Entry<String, String> e : Manifest.read(manifestFile).entries().entrySet()) {
            rewritten.put(e.getKey(), e.getKey().equals("format.version") ? "3" : e.getValue());
        }
        rewritten.build().write(manifestFile);
        FormatVersionException e = assertThrows(FormatVersionException.class, () -> RetrievalPipeline.load(saved));
        assertTrue(e.getMessage().contains(manifestFile.toString()), e.getMessage());
        assertEquals(3, e.found());
    }

    @Test
    void unknownComponentTypeSaysWhatIsMissing() throws IOException {
        Similarity hamming = new Similarity() { // saved by a module that is not on the class path at load
            @Override
            public ComponentSpec spec() {
                return ComponentSpec.of("hamming");
            }

            @Override
            public double distance(float[] a, float[] b) {
                return 0;
            }
        };
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new RowMeans(2)).similarity(hamming).build();
        pipeline.add(Image.grey(1, 2, new float[] {1, 0}), "a", "x");
        Path store = dir.resolve("hamming.cbir");
        // refused at the save already, so that no store is written that could not be loaded
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pipeline.save(store));
        assertTrue(e.getMessage().contains("'hamming'"), e.getMessage());
    }

    @Test
    void anEditedManifestIsRefusedEvenWithAValidChecksum() throws IOException {
        Path manifestFile = saved.resolve("manifest.txt");
        Manifest.Builder rewritten = Manifest.builder();
        for (Map.Entry<String, String> e : Manifest.read(manifestFile).entries().entrySet()) {
            rewritten.put(e.getKey(), e.getKey().equals("similarity.type") ? "euclidean" : e.getValue());
        }
        rewritten.build().write(manifestFile);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> RetrievalPipeline.load(saved));
        assertEquals(manifestFile, e.file());
        assertTrue(e.getMessage().contains("was edited after the save"), e.getMessage());
    }

    @Test
    void missingDirectoryIsNamed() {
        Path nowhere = dir.resolve("nowhere.cbir");
        IOException e = assertThrows(IOException.class, () -> RetrievalPipeline.load(nowhere));
        assertTrue(e.getMessage().contains("nowhere.cbir"), e.getMessage());
    }

    private void assertRefusedNaming(Path damaged) {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> RetrievalPipeline.load(saved));
        assertEquals(damaged, e.file());
        assertTrue(e.getMessage().contains(damaged.toString()), e.getMessage());
    }
}
