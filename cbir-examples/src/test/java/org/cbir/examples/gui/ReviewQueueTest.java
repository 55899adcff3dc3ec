package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.cbir.core.collection.ImageCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewQueueTest {

    @Test
    void correctedLabelsAreSavedBesideTheSuggestions(@TempDir Path dir) throws Exception {
        String suggestions = "path,label,source,confidence,nearest_labelled\n"
                + "/data/a.png,cat,given,1,\n"
                + "/data/b.png,dog,suggested,0.4000,\"/data/a.png (cat, 0.2)\"\n"
                + "/data/c.png,cat,suggested,0.9000,\n";
        Files.writeString(dir.resolve("suggestions.csv"), suggestions);
        ReviewQueue queue = ReviewQueue.load(dir);
        assertEquals(2, queue.suggestions().size());
        assertEquals("/data/b.png", queue.suggestions().get(0).path);
        queue.suggestions().get(0).label = "cat";
        assertEquals(1, queue.changedCount());
        Path saved = queue.save();
        assertEquals(suggestions, Files.readString(dir.resolve("suggestions.csv")), "the suggestions stay as written");
        String reviewed = Files.readString(saved);
        assertTrue(reviewed.contains("/data/b.png,cat,reviewed,1,"), reviewed);
        ImageCollection back = ImageCollection.fromCsv(saved);
        assertEquals(java.util.Set.of("cat"), back.labels());
    }

    @Test
    void refusesAFolderThatCbirLabelDidNotWrite(@TempDir Path dir) throws Exception {
        assertThrows(NoSuchFileException.class, () -> ReviewQueue.load(dir));
        Files.writeString(dir.resolve("suggestions.csv"), "path,label\na.png,cat\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReviewQueue.load(dir));
        assertTrue(e.getMessage().contains("is not a `cbir label` output"), e.getMessage());
    }
}
