package org.cbir.eval.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.cbir.core.Match;
import org.cbir.core.Prediction;
import org.cbir.core.QueryResult;
import org.cbir.core.image.Image;
import org.cbir.core.image.ImageReadException;
import org.cbir.core.image.SampleDepth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultSheetTest {

    /** A 16x16 8-bit patch whose pixel (x, y) has grey level 16 x + y. */
    private static Image patch() {
        float[] samples = new float[16 * 16];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                samples[y * 16 + x] = 16 * x + y;
            }
        }
        return Image.of(16, 16, 1, SampleDepth.UINT8, samples);
    }

    /** A 512x384 RGB photo: the left half pure red, the right half pure blue. */
    private static Image photo() {
        float[] samples = new float[512 * 384 * 3];
        for (int y = 0; y < 384; y++) {
            for (int x = 0; x < 512; x++) {
                samples[(y * 512 + x) * 3 + (x < 256 ? 0 : 2)] = 255;
            }
        }
        return Image.of(512, 384, 3, SampleDepth.UINT8, samples);
    }

    /** A constant 8x8 image of the given depth. */
    private static Image constant(SampleDepth depth, float value) {
        float[] samples = new float[64];
        java.util.Arrays.fill(samples, value);
        return Image.of(8, 8, 1, depth, samples);
    }

    private static Match match(int rank, String name, String label, double distance) {
        return new Match(rank, rank, name, label, distance);
    }

    private static QueryResult result(Match... matches) {
        return new QueryResult(List.of(matches), Optional.of(new Prediction("A", 0.5, 1)));
    }

    private static ResultSheet sheet(Map<String, Image> images) {
        return ResultSheet.builder().matchImages(m -> {
            Image image = images.get(m.path());
            if (image == null) {
                throw new ImageReadException(Path.of(m.path()), "no such file");
            }
            return image;
        }).build();
    }

    /** The colour at (x, y) of the cell (inside the frame) in {@code row}, {@code column}. */
    private static Color cellPixel(BufferedImage sheet, SheetLayout layout, int row, int column, int x, int y) {
        return new Color(sheet.getRGB(layout.frameX(column) + layout.border() + x,
                layout.frameY(row) + layout.border() + y));
    }

    private static Color framePixel(BufferedImage sheet, SheetLayout layout, int row, int column) {
        return new Color(sheet.getRGB(layout.frameX(column) + 1, layout.frameY(row) + layout.frame() / 2));
    }

    @Test
    void matchesOfTheQueryLabelAreFramedGreenAndOthersRed() {
        List<ResultSheet.Row> rows = List.of(new ResultSheet.Row("q.png", patch(), "A",
                result(match(1, "a", "A", 0.1), match(2, "b", "B", 0.2), match(3, "c", null, 0.3))));
        ResultSheet sheet = sheet(Map.of("a", patch(), "b", patch(), "c", patch()));
        BufferedImage image = sheet.render(rows);
        SheetLayout layout = sheet.layout(rows);
        assertEquals(layout.width(), image.getWidth());
        assertEquals(layout.height(), image.getHeight());
        assertEquals(4, layout.columns());
        assertEquals(ResultSheet.QUERY_FRAME, framePixel(image, layout, 0, 0));
        assertEquals(ResultSheet.SAME_LABEL, framePixel(image, layout, 0, 1));
        assertEquals(ResultSheet.OTHER_LABEL, framePixel(image, layout, 0, 2));
        assertEquals(ResultSheet.UNKNOWN_LABEL, framePixel(image, layout, 0, 3));
    }

    @Test
    void withoutAQueryLabelFramesStayGrey() {
        List<ResultSheet.Row> rows = List.of(new ResultSheet.Row(null, patch(), null,
                result(match(1, "a", "A", 0.1), match(2, "b", "B", 0.2))));
        ResultSheet sheet = sheet(Map.of("a", patch(), "b", patch()));
        BufferedImage image = sheet.render(rows);
        assertEquals(ResultSheet.UNKNOWN_LABEL, framePixel(image, sheet.layout(rows), 0, 1));
        assertEquals(ResultSheet.UNKNOWN_LABEL, framePixel(image, sheet.layout(rows), 0, 2));
    }

    @Test
    void tinyPatchesAreEnlargedByAWholeFactorWithCrispPixels() {
        List<ResultSheet.Row> rows = List.of(new ResultSheet.Row("q", patch(), "A", result(match(1, "a", "A", 0))));
        ResultSheet sheet = sheet(Map.of("a", patch()));
        BufferedImage image = sheet.render(rows);
        SheetLayout layout = sheet.layout(rows);
        // 16 px in a 128 px cell: every source pixel becomes an 8x8 block, both corners of it exact
        for (int y = 0; y < 16; y += 5) {
            for (int x = 0; x < 16; x += 3) {
                int level = 16 * x + y;
                Color expected = new Color(level, level, level);
                assertEquals(expected, cellPixel(image, layout, 0, 1, 8 * x, 8 * y), x + "," + y);
                assertEquals(expected, cellPixel(image, layout, 0, 1, 8 * x + 7, 8 * y + 7), x + "," + y);
            }
        }
    }

    @Test
    void largePhotosAreReducedSmoothlyKeepingTheirAspect() {
        List<ResultSheet.Row> rows = List.of(new ResultSheet.Row("q", photo(), "A", result(match(1, "p", "A", 0))));
        ResultSheet sheet = sheet(Map.of("p", photo()));
        BufferedImage image = sheet.render(rows);
        SheetLayout layout = sheet.layout(rows);
        // 512x384 becomes 128x96, centred: 16 px of cell background above and below
        assertEquals(ResultSheet.CELL_BACKGROUND, cellPixel(image, layout, 0, 1, 64, 8));
        assertEquals(ResultSheet.CELL_BACKGROUND, cellPixel(image, layout, 0, 1, 64, 119));
        assertEquals(Color.RED, cellPixel(image, layout, 0, 1, 10, 16));
        assertEquals(Color.BLUE, cellPixel(image, layout, 0, 1, 117, 111));
        // the boundary column averages red and blue
        Color edge = cellPixel(image, layout, 0, 1, 64, 60);
        assertTrue(edge.getRed() > 0 || edge.getBlue() > 0, edge.toString());
    }

    @Test
    void sixteenBitAndFloatImagesAreScaledFromTheirDepthRange() {
        Map<String, Image> images = Map.of("white16", constant(SampleDepth.UINT16, 65535),
                "half16", constant(SampleDepth.UINT16, 32768), "halfFloat", constant(SampleDepth.FLOAT, 0.5f));
        List<ResultSheet.Row> rows = List.of(new ResultSheet.Row("q", constant(SampleDepth.UINT8, 0), "A",
                result(match(1, "white16", "A", 0), match(2, "half16", "A", 0), match(3, "halfFloat", "A", 0))));
        ResultSheet sheet = sheet(images);
        BufferedImage image = sheet.render(rows);
        SheetLayout layout = sheet.layout(rows);
        assertEquals(Color.WHITE, cellPixel(image, layout, 0, 1, 60, 60));
        assertEquals(new Color(128, 128, 128), cellPixel(image, layout, 0, 2, 60, 60));
        assertEquals(new Color(128, 128, 128), cellPixel(image, layout, 0, 3, 60, 60));
        assertEquals(Color.BLACK, cellPixel(image, layout, 0, 0, 60, 60));
    }

    @Test
    void stretchedContrastMapsTheImagesOwnRangeToBlackAndWhite() {
        float[] samples = new float[64];
        for (int i = 0; i < 64; i++) {
            samples[i] = i < 32 ? 1000 : 2000;
        }
        Image faint = Image.of(8, 8, 1, SampleDepth.UINT16, samples);
        List<ResultSheet.Row> rows = List.of(new ResultSheet.Row("q", faint, "A", result(match(1, "a", "A", 0))));
        ResultSheet sheet = ResultSheet.builder().stretchContrast(true).matchImages(m -> faint).build();
        BufferedImage image = sheet.render(rows);
        SheetLayout layout = sheet.layout(rows);
        // 8 px become 16x16 blocks of 128; rows 0-3 are dark, rows 4-7 bright
        assertEquals(Color.BLACK, cellPixel(image, layout, 0, 0, 10, 10));
        assertEquals(Color.WHITE, cellPixel(image, layout, 0, 0, 10, 100));
    }

    @Test
    void anUnreadableMatchIsDrawnAsAGreyPlaceholderInItsFrame() {
        List<ResultSheet.Row> rows = List.of(new ResultSheet.Row("q", patch(), "A",
                result(match(1, "missing.png", "B", 0.5))));
        ResultSheet sheet = sheet(Map.of());
        BufferedImage image = sheet.render(rows);
        SheetLayout layout = sheet.layout(rows);
        assertEquals(ResultSheet.PLACEHOLDER, cellPixel(image, layout, 0, 1, 2, 2));
        assertEquals(ResultSheet.OTHER_LABEL, framePixel(image, layout, 0, 1));
    }

    @Test
    void maxMatchesLimitsTheColumns() {
        List<ResultSheet.Row> rows = List.of(new ResultSheet.Row("q", patch(), "A",
                result(match(1, "a", "A", 0), match(2, "a", "A", 0), match(3, "a", "A", 0))));
        ResultSheet sheet = ResultSheet.builder().maxMatches(2).matchImages(m -> patch()).build();
        assertEquals(3, sheet.layout(rows).columns());
        assertEquals(sheet.layout(rows).width(), sheet.render(rows).getWidth());
    }

    @Test
    void writeProducesThePngAtomically(@TempDir Path dir) throws IOException {
        List<ResultSheet.Row> rows = List.of(new ResultSheet.Row("q", patch(), "A", result(match(1, "a", "B", 1))));
        ResultSheet sheet = sheet(Map.of("a", patch()));
        Path file = dir.resolve("sheet.png");
        Files.writeString(file, "previous");
        sheet.write(rows, file);
        BufferedImage written = ImageIO.read(file.toFile());
        BufferedImage rendered = sheet.render(rows);
        assertEquals(rendered.getWidth(), written.getWidth());
        assertEquals(rendered.getRGB(20, 20), written.getRGB(20, 20));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertThrows(java.nio.file.NoSuchFileException.class, () -> sheet.write(rows, dir.resolve("no/sheet.png")));
    }

    @Test
    void distancesShowFourSignificantDigits() {
        assertEquals("0.001235", ResultSheet.distance(0.00123456));
        assertEquals("1.500", ResultSheet.distance(1.5));
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ResultSheet.builder().cellSize(16).build());
        assertThrows(IllegalArgumentException.class, () -> ResultSheet.builder().maxMatches(0).build());
        assertThrows(IllegalArgumentException.class, () -> ResultSheet.builder().build().render(List.of()));
    }
}
