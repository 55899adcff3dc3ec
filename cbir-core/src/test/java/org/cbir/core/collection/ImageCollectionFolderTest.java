package org.cbir.core.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cbir.core.image.Image;
import org.cbir.core.image.PycbirSamples;
import org.cbir.core.image.SampleDepth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageCollection#fromFolder} on temporary trees and on the pyCBIR sample collections. */
class ImageCollectionFolderTest {
    @TempDir
    Path root;

    private void touch(String... relative) throws IOException {
        for (String r : relative) {
            Path file = root.resolve(r);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "not decoded by fromFolder");
        }
    }

    /** Each entry as "relative/path=label". */
    private List<String> listing(ImageCollection c) {
        List<String> out = new ArrayList<>();
        for (ImageEntry e : c) {
            Path path = ((ImageEntry.File) e).path();
            out.add(root.relativize(path).toString().replace('\\', '/') + "=" + e.label());
        }
        return out;
    }

    @Test
    void labelsAreTopLevelSubFoldersAndRootImagesAreUnlabelled() throws IOException {
        touch("b.png", ".hidden.png", "notes.txt", "noextension",
                "cat/a.PNG", "cat/sub/deep.jpg", "cat/.git/x.png", "cat/thumbs.db",
                "dog/z.TIFF", "dog/a.gif", "dog/readme.md", "dog/c.jpeg", "dog/d.tif", "dog/e.bmp",
                ".cache/c.png");
        Files.createDirectories(root.resolve("ant"));
        ImageCollection c = ImageCollection.fromFolder(root);
        assertEquals(List.of("b.png=null", "cat/a.PNG=cat", "cat/sub/deep.jpg=cat",
                "dog/a.gif=dog", "dog/c.jpeg=dog", "dog/d.tif=dog", "dog/e.bmp=dog", "dog/z.TIFF=dog"), listing(c));
        assertFalse(c.isLabeled());
        assertEquals(List.of("cat", "dog"), List.copyOf(c.labels()));
        assertEquals(root.resolve("cat/a.PNG"), ((ImageEntry.File) c.entries().get(1)).path());
    }

    @Test
    void orderIsByPathNameByNameSoAFolderStaysTogether() throws IOException {
        // as whole strings "a b/..." < "a-c/..." < "a/...", but name by name "a" comes first
        touch("a/y.png", "a b/x.png", "a-c/z.png", "a/sub/w.png");
        assertEquals(List.of("a/sub/w.png=a", "a/y.png=a", "a b/x.png=a b", "a-c/z.png=a-c"),
                listing(ImageCollection.fromFolder(root)));
    }

    @Test
    void aFlatFolderIsUnlabelled() throws IOException {
        touch("2.png", "10.png", "1.jpg");
        ImageCollection c = ImageCollection.fromFolder(root);
        assertEquals(List.of("1.jpg=null", "10.png=null", "2.png=null"), listing(c));
        assertTrue(c.labels().isEmpty());
        assertFalse(c.isLabeled());
    }

    @Test
    void aMissingFolderIsRefusedByName() {
        Path missing = root.resolve("nope");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ImageCollection.fromFolder(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aFileIsNotAFolder() throws IOException {
        touch("x.png");
        Path file = root.resolve("x.png");
        NotDirectoryException e = assertThrows(NotDirectoryException.class, () -> ImageCollection.fromFolder(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aFolderWithoutImagesIsAnEmptyCollectionError() throws IOException {
        touch("readme.md", "a/data.csv", ".hidden/x.png");
        EmptyCollectionException e = assertThrows(EmptyCollectionException.class, () -> ImageCollection.fromFolder(root));
        assertEquals(root, e.source());
        assertTrue(e.getMessage().startsWith(root.toString()) && e.getMessage().contains("no image files"), e.getMessage());
    }

    @Test
    void gisaxsDatabaseHasFourLabelsOfFiveHundred() throws IOException {
        Path database = PycbirSamples.root().resolve("gisaxs/database");
        ImageCollection c = ImageCollection.fromFolder(database);
        assertEquals(2000, c.size());
        assertTrue(c.isLabeled());
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (String label : new String[] {"bcc", "cubic100", "fcc100", "hcpnone"}) {
            expected.put(label, 500);
        }
        assertEquals(expected, c.countsByLabel());
        assertSortedAndLabelledByFolder(database, c);
        assertEquals(c, ImageCollection.fromFolder(database));

        Image first = c.entries().get(0).load();
        assertEquals(100, first.width());
        assertEquals(100, first.height());
        assertTrue(first.isGrey());
        assertEquals(SampleDepth.UINT8, first.depth());

        ImageCollection.Split split = c.split(0.1, 2024);
        for (String label : expected.keySet()) {
            assertEquals(50, split.train().withLabel(label).size());
            assertEquals(450, split.test().withLabel(label).size());
        }
    }

    @Test
    void fibersDatabaseHasTwoLabelsOfAThousand() throws IOException {
        Path database = PycbirSamples.root().resolve("fibers_small/database");
        ImageCollection c = ImageCollection.fromFolder(database);
        assertEquals(2000, c.size());
        assertEquals(Map.of("no_fibers", 1000, "yes_fibers", 1000), c.countsByLabel());
        assertEquals(List.of("no_fibers", "yes_fibers"), List.copyOf(c.labels()));
        assertSortedAndLabelledByFolder(database, c);
        Image first = c.entries().get(0).load();
        assertEquals(16, first.width());
        assertEquals(16, first.height());
    }

    /** Independently of the scanner: the label is the parent folder and file names ascend per label. */
    private static void assertSortedAndLabelledByFolder(Path database, ImageCollection c) {
        List<String> seen = new ArrayList<>();
        for (ImageEntry e : c) {
            Path path = ((ImageEntry.File) e).path();
            assertEquals(database, path.getParent().getParent());
            assertEquals(path.getParent().getFileName().toString(), e.label());
            seen.add(e.label() + "/" + path.getFileName());
        }
        String[] sorted = seen.toArray(String[]::new);
        Arrays.sort(sorted, Comparator.comparing((String s) -> s.substring(0, s.indexOf('/')))
                .thenComparing(s -> s.substring(s.indexOf('/') + 1)));
        assertEquals(List.of(sorted), seen);
    }
}
