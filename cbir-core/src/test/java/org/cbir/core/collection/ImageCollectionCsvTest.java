package org.cbir.core.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cbir.core.image.ImageReadException;
import org.cbir.core.internal.io.CsvRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageCollection#fromCsv}: the format, the header rule, and errors with line numbers. */
class ImageCollectionCsvTest {
    @TempDir
    Path dir;

    private Path csv(String content) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("lists"));
        return Files.writeString(folder.resolve("collection.csv"), content, StandardCharsets.UTF_8);
    }

    private static List<String> entries(ImageCollection c) {
        List<String> out = new ArrayList<>();
        for (ImageEntry e : c) {
            out.add(((ImageEntry.File) e).path() + "=" + e.label());
        }
        return out;
    }

    @Test
    void csvRowsSplitLinesAsTheCollectionReaderDoes() throws IOException {
        Path file = csv("path,label,source,confidence\na.png,cat,suggested,0.9\nb.png,,given\n");
        Path folder = file.getParent();
        assertEquals(List.of(folder.resolve("a.png") + "=cat", folder.resolve("b.png") + "=null"),
                entries(ImageCollection.fromCsv(file)));
        assertEquals(List.of(List.of("path", "label", "source"), List.of("a.png", "cat", "x", "y")),
                CsvRows.read(csv("path,label,source\n# note\na.png,cat,x,y\n")).stream().map(CsvRows.Row::fields).toList());
    }

    @Test
    void readsPathsAndLabelsResolvingRelativePathsAgainstTheCsvFolder() throws IOException {
        Path absolute = dir.resolve("elsewhere/abs.tif").toAbsolutePath();
        Path file = csv("path,label\n"
                + "a.png,cat\n"
                + "\n"
                + "# a comment, with a comma\n"
                + "  sub/b.jpg , dog \n"
                + "\"c,d.png\",cat\n"
                + "\"say \"\"hi\"\".png\",\"bird, small\"\n"
                + "unlabelled.png\n"
                + "trailing-comma.png,\r\n"
                + absolute + ",dog\n"
                + "   # indented comment\n");
        Path folder = file.getParent();
        assertEquals(List.of(
                folder.resolve("a.png") + "=cat",
                folder.resolve("sub/b.jpg") + "=dog",
                folder.resolve("c,d.png") + "=cat",
                folder.resolve("say \"hi\".png") + "=bird, small",
                folder.resolve("unlabelled.png") + "=null",
                folder.resolve("trailing-comma.png") + "=null",
                absolute + "=dog"), entries(ImageCollection.fromCsv(file)));
    }

    @Test
    void theFirstLineIsAHeaderOnlyWhenItsFirstFieldIsPathFileOrFilename() throws IOException {
        for (String header : new String[] {"path", "PATH,class", "File,label", "filename , label", "\uFEFFpath,label"}) {
            ImageCollection c = ImageCollection.fromCsv(csv(header + "\nx.png,a\n"));
            assertEquals(1, c.size(), header);
        }
        ImageCollection noHeader = ImageCollection.fromCsv(csv("image,label\nx.png,a\n"));
        assertEquals(2, noHeader.size());
        assertEquals("label", noHeader.entries().get(0).label());
        // only the first data line can be a header
        ImageCollection later = ImageCollection.fromCsv(csv("# comment\n\nx.png,a\npath,b\n"));
        assertEquals(2, later.size());
    }

    @Test
    void listedFilesAreNotCheckedUntilLoaded() throws IOException {
        ImageCollection c = ImageCollection.fromCsv(csv("missing.png,a\n"));
        assertEquals(1, c.size());
        assertThrows(ImageReadException.class, () -> c.entries().get(0).load());
    }

    @Test
    void labelsAreStrippedAndEmptyLabelsAreNull() throws IOException {
        ImageCollection c = ImageCollection.fromCsv(csv("a.png,   \nb.png, x \n"));
        assertNull(c.entries().get(0).label());
        assertEquals("x", c.entries().get(1).label());
    }

    private void assertLineError(String content, long line, String problem) throws IOException {
        Path file = csv(content);
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> ImageCollection.fromCsv(file));
        assertEquals(file, e.file());
        assertEquals(line, e.line());
        assertTrue(e.getMessage().startsWith(file + ":" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void aLineThatDoesNotParseIsReportedWithItsNumber() throws IOException {
        assertLineError("path,label\na.png,x\n\nb,c.png,y\n", 4, "found 3 fields");
        assertLineError("a.png,x\n\"unclosed.png,x\n", 2, "not closed");
        assertLineError("\"a.png\"x,cat\n", 1, "after a closing quote");
        assertLineError("# c\na\"b.png,cat\n", 2, "quote inside the unquoted field");
        assertLineError("a.png,x\n  ,cat\n", 2, "empty path");
        assertLineError("a.png,x\r\nb.png,y\r\n\"\",z\r\n", 3, "empty path");
    }

    @Test
    void bytesThatAreNotUtf8AreReportedWithTheLine() throws IOException {
        Path file = csv("");
        Files.write(file, new byte[] {'a', '.', 'p', 'n', 'g', '\n', 'b', (byte) 0xff, '.', 'p', 'n', 'g', '\n'});
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> ImageCollection.fromCsv(file));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void aCsvWithoutEntriesIsAnEmptyCollectionError() throws IOException {
        for (String content : new String[] {"", "path,label\n", "\n# only a comment\n\n"}) {
            Path file = csv(content);
            EmptyCollectionException e = assertThrows(EmptyCollectionException.class, () -> ImageCollection.fromCsv(file));
            assertEquals(file, e.source());
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
    }

    @Test
    void aMissingCsvIsRefusedByName() {
        Path missing = dir.resolve("none.csv");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ImageCollection.fromCsv(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void theCsvOfAFolderListingGivesTheSameCollection() throws IOException {
        Path images = Files.createDirectories(dir.resolve("lists/images"));
        for (String name : new String[] {"x/1.png", "x/2.png", "y/3.png"}) {
            Files.createDirectories(images.resolve(name).getParent());
            Files.writeString(images.resolve(name), "");
        }
        Path file = csv("file,label\nimages/x/1.png,x\nimages/x/2.png,x\nimages/y/3.png,y\n");
        assertEquals(ImageCollection.fromFolder(images), ImageCollection.fromCsv(file));
    }

    @Test
    void readChoosesTheCsvReaderForCsvFilesAndTheFolderReaderOtherwise() throws IOException {
        Path file = csv("a.png,x\nb.png,y\n");
        assertEquals(entries(ImageCollection.fromCsv(file)), entries(ImageCollection.read(file)));
        Path folder = Files.createDirectories(dir.resolve("db.csv").resolve("cats"));
        Files.write(folder.resolve("c.png"), new byte[] {1});
        ImageCollection fromFolder = ImageCollection.read(dir.resolve("db.csv"));
        assertEquals(1, fromFolder.size());
        assertEquals("cats", fromFolder.entries().get(0).label());
    }

    @Test
    void headerColumnsBeyondPathAndLabelAreMetadata() throws IOException {
        ImageCollection c = ImageCollection.fromCsv(csv("file,run,label,sample\na.png,42,bcc,s1\nb.png,,fcc\nc.png\n"));
        assertEquals(java.util.Map.of("run", "42", "sample", "s1"), c.entries().get(0).metadata());
        assertEquals("bcc", c.entries().get(0).label());
        assertEquals(java.util.Map.of(), c.entries().get(1).metadata(), "an empty cell sets no value");
        assertEquals("fcc", c.entries().get(1).label());
        assertNull(c.entries().get(2).label());
    }

    @Test
    void badMetadataColumnsAreRefusedWithTheLine() throws IOException {
        CsvFormatException badName = assertThrows(CsvFormatException.class,
                () -> ImageCollection.fromCsv(csv("path,label,beam run\na.png,x,1\n")));
        assertTrue(badName.getMessage().contains(".csv:1:") && badName.getMessage().contains("beam run"), badName.getMessage());
        assertThrows(CsvFormatException.class, () -> ImageCollection.fromCsv(csv("path,run,run\na.png,1,2\n")));
        CsvFormatException tooMany = assertThrows(CsvFormatException.class,
                () -> ImageCollection.fromCsv(csv("path,label,run\na.png,x,1\nb.png,y,2,extra\n")));
        assertTrue(tooMany.getMessage().contains(".csv:3:"), tooMany.getMessage());
    }
}
