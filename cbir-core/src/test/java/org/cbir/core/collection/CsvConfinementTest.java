package org.cbir.core.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cbir.core.collection.ImageCollection.CsvPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, item 11: CSV paths may leave the CSV's folder by default, and never when confined. */
class CsvConfinementTest {
    @TempDir
    Path dir;

    @Test
    void confinedPathsStayInTheFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("upload"));
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(dir.resolve("secret.png"), "outside");
        Files.createSymbolicLink(folder.resolve("link.png"), dir.resolve("secret.png"));
        Path csv = folder.resolve("list.csv");
        for (String escape : new String[] {"../secret.png", "sub/../../secret.png", dir.resolve("secret.png").toString(),
            "/etc/passwd", "link.png"}) {
            Files.writeString(csv, "path,label\nsub/a.png,x\n" + escape + ",y\n");
            assertEquals(2, ImageCollection.fromCsv(csv).size(), "the default keeps reading " + escape);
            CsvFormatException e = assertThrows(CsvFormatException.class,
                    () -> ImageCollection.fromCsv(csv, CsvPaths.CONFINED), escape);
            assertTrue(e.getMessage().contains("list.csv:3") && e.getMessage().contains("leaves the CSV's folder"),
                    e.getMessage());
        }
        Files.writeString(csv, "sub/a.png,x\n./b.png,y\nsub/../c.png\n");
        assertEquals(3, ImageCollection.fromCsv(csv, CsvPaths.CONFINED).size());
    }
}
