package org.cbir.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapChartTest {
    private static final List<MapChart.Point> SWEEP = List.of(new MapChart.Point(1, 0.41), new MapChart.Point(2, 0.52),
            new MapChart.Point(4, 0.6), new MapChart.Point(128, 0.66));

    @Test
    void chartPlotsEveryPointOnALogarithmicAxisForAWideSweep() {
        JFreeChart chart = MapChart.chart("t", SWEEP);
        XYDataset data = chart.getXYPlot().getDataset();
        assertEquals(4, data.getItemCount(0));
        assertEquals(128.0, data.getXValue(0, 3));
        assertEquals(0.66, data.getYValue(0, 3));
        assertTrue(chart.getXYPlot().getDomainAxis() instanceof LogAxis);
    }

    @Test
    void writesAPngOfTheRequestedSize(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("charts").resolve("map.png");
        MapChart.write("MAP vs PCA", SWEEP, png, 640, 400);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
        try (var files = Files.list(png.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void noPointsIsRefused(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> MapChart.write("t", List.of(), dir.resolve("x.png"), 10, 10));
    }
}
