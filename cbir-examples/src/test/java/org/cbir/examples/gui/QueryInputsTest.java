package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.image.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryInputsTest {

    private static Path png(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Images.write(Image.grey(2, 2, new float[] {0, 0.25f, 0.5f, 1}), file);
        return file;
    }

    @Test
    void foldersGiveTheirImagesLabelledBySubFolderAndFilesAreLabelledByAKnownParent(@TempDir Path dir) throws IOException {
        png(dir.resolve("queries/bcc/a.png"));
        png(dir.resolve("queries/fcc/b.png"));
        Path known = png(dir.resolve("drop/bcc/c.png"));
        Path unknown = png(dir.resolve("drop/misc/d.png"));
        List<ImageEntry.File> entries = QueryInputs.resolve(List.of(dir.resolve("queries"), known, unknown),
                Set.of("bcc", "fcc"));
        assertEquals(List.of("a.png", "b.png", "c.png", "d.png"),
                entries.stream().map(e -> e.path().getFileName().toString()).toList());
        assertEquals("bcc", entries.get(0).label());
        assertEquals("fcc", entries.get(1).label());
        assertEquals("bcc", entries.get(2).label());
        assertNull(entries.get(3).label());
    }

    @Test
    void aMissingQueryIsNamedAndNoQueryIsRefused(@TempDir Path dir) {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> QueryInputs.resolve(List.of(dir.resolve("gone.png")), Set.of()));
        assertEquals(dir.resolve("gone.png").toString(), e.getFile());
        assertThrows(IllegalArgumentException.class, () -> QueryInputs.resolve(List.of(), Set.of()));
    }
}
