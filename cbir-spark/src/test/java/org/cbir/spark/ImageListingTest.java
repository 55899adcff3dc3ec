package org.cbir.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's listing: cbir's names, labels and order, locally and through a Hadoop file system. */
class ImageListingTest {
    @TempDir
    Path folder;

    @Test
    void schemesTellLocalFromHadoopPaths() {
        assertTrue(ImageListing.isLocal("../shared/data/gisaxs"));
        assertTrue(ImageListing.isLocal("/data/my [1] images"));
        assertTrue(ImageListing.isLocal("file:/data/images"));
        assertTrue(ImageListing.isLocal("C:\\\\data\\\\images"));
        assertFalse(ImageListing.isLocal("hdfs://namenode:8020/data/images"));
        assertFalse(ImageListing.isLocal("s3a://bucket/images"));
    }

    @Test
    void localListingIsCbirsCollection() throws IOException {
        Path database = TestCollections.gisaxsSubset(folder, 3, true);
        List<ListedImage> listed = ImageListing.list(database.toString(), new Configuration());
        List<ImageEntry> expected = ImageCollection.fromFolder(database).entries();
        assertEquals(expected.size(), listed.size());
        for (int i = 0; i < listed.size(); i++) {
            assertEquals(i, listed.get(i).position());
            assertEquals(expected.get(i).name(), listed.get(i).name());
            assertEquals(expected.get(i).label(), listed.get(i).label());
            assertEquals("file:" + Path.of(expected.get(i).name()).toAbsolutePath(), listed.get(i).location());
        }
    }

    @Test
    void hadoopListingFollowsTheSameRules() throws IOException {
        Path database = TestCollections.gisaxsSubset(folder, 3, false);
        Files.writeString(database.resolve("bcc").resolve("notes.txt"), "not an image");
        Files.copy(database.resolve("bcc").resolve(Files.list(database.resolve("bcc")).filter(p -> p.toString()
                .endsWith(".png")).findFirst().orElseThrow().getFileName()), database.resolve("bcc").resolve(".hidden.png"));
        Files.createDirectories(database.resolve(".cache"));
        Files.writeString(database.resolve(".cache").resolve("x.png"), "hidden folder");
        List<ListedImage> listed = ImageListing.listRemote(new org.apache.hadoop.fs.Path("file:" + database), new Configuration());
        List<ImageEntry> expected = ImageCollection.fromFolder(database).entries();
        assertEquals(expected.size(), listed.size());
        for (int i = 0; i < listed.size(); i++) {
            assertEquals(expected.get(i).label(), listed.get(i).label());
            assertEquals("file:" + Path.of(expected.get(i).name()).toAbsolutePath(), listed.get(i).name());
        }
    }

    @Test
    void splitIsTheCollectionsSplit() throws IOException {
        Path database = TestCollections.gisaxsSubset(folder, 10, false);
        List<ListedImage> listed = ImageListing.list(database.toString(), new Configuration());
        ImageCollection.Split expected = ImageCollection.fromFolder(database).split(0.3, 9);
        List<List<ListedImage>> parts = ImageListing.split(listed, 0.3, 9);
        assertEquals(expected.train().entries().stream().map(ImageEntry::name).toList(),
                parts.get(0).stream().map(ListedImage::name).toList());
        assertEquals(expected.test().entries().stream().map(ImageEntry::name).toList(),
                parts.get(1).stream().map(ListedImage::name).toList());
        assertEquals(List.of(0, 1, 2), parts.get(1).subList(0, 3).stream().map(ListedImage::position).toList());
    }
}
