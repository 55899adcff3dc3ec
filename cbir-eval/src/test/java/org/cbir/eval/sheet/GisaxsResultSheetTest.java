package org.cbir.eval.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Match;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.eval.Samples;
import org.junit.jupiter.api.Test;

/**
 * Draws the 8 GISAXS sample queries with their 10 best matches (first-order statistics, cosine)
 * into {@code target/sheets/gisaxs-8x10.png}, and checks every frame's colour against the labels.
 */
class GisaxsResultSheetTest {

    @Test
    void eightQueriesWithTenMatchesEach() throws IOException {
        Path gisaxs = Samples.gisaxs();
        RetrievalPipeline pipeline = RetrievalPipeline.builder()
                .extractor(FeatureExtractor.firstOrderStatistics(32)).build();
        pipeline.addAll(ImageCollection.fromFolder(gisaxs.resolve("database")));
        List<ResultSheet.Row> rows = new ArrayList<>();
        for (ImageEntry query : ImageCollection.fromFolder(gisaxs.resolve("query"))) {
            rows.add(new ResultSheet.Row(query.name(), query.load(), query.label(), pipeline.query(query.load(), 10)));
        }
        assertEquals(8, rows.size());

        ResultSheet sheet = ResultSheet.builder().build();
        Path file = Path.of("target", "sheets", "gisaxs-8x10.png");
        Files.createDirectories(file.getParent());
        sheet.write(rows, file);

        BufferedImage written = ImageIO.read(file.toFile());
        SheetLayout layout = sheet.layout(rows);
        assertEquals(layout.width(), written.getWidth());
        assertEquals(layout.height(), written.getHeight());
        assertEquals(11, layout.columns());
        for (int r = 0; r < rows.size(); r++) {
            List<Match> matches = rows.get(r).result().matches();
            for (int m = 0; m < 10; m++) {
                Color expected = matches.get(m).label().equals(rows.get(r).label())
                        ? ResultSheet.SAME_LABEL : ResultSheet.OTHER_LABEL;
                Color frame = new Color(written.getRGB(layout.frameX(m + 1) + 1, layout.frameY(r) + 1));
                assertEquals(expected, frame, "row " + r + " match " + (m + 1));
            }
        }
    }
}
