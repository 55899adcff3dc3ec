package org.cbir.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.cbir.core.internal.io.AtomicOutput;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The paper's Figure 7: mean average precision against the number of PCA components, drawn
 * with JFreeChart and written as PNG. The x axis is logarithmic (base 2) when the component
 * counts span more than a factor of 8, as in a sweep 1, 2, 4, ..., 128.
 */
public final class MapChart {
    /** One measured point: MAP with {@code components} PCA components. */
    public record Point(int components, double map) {
    }

    private MapChart() {
    }

    /**
     * Writes the chart of {@code points} (one line) to {@code png}, {@code width x height}
     * pixels, through a temporary file renamed into place.
     *
     * @throws IllegalArgumentException if there are no points
     */
    public static void write(String title, List<Point> points, Path png, int width, int height) throws IOException {
        Objects.requireNonNull(png, "png");
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a MAP chart needs at least one point");
        }
        JFreeChart chart = chart(title, points);
        Files.createDirectories(png.toAbsolutePath().getParent());
        AtomicOutput.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    /**
     * The chart of {@code points} (one line, MAP from 0 to 1), for a Swing {@code ChartPanel} or
     * another renderer; a new chart the caller owns. An empty list gives an empty plot.
     */
    public static JFreeChart chart(String title, List<Point> points) {
        XYSeries series = new XYSeries("MAP");
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (Point p : points) {
            series.add(p.components(), p.map());
            min = Math.min(min, p.components());
            max = Math.max(max, p.components());
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "PCA components", "mean average precision",
                new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (max > 8 * Math.max(1, min)) {
            LogAxis axis = new LogAxis("PCA components");
            axis.setBase(2);
            axis.setTickUnit(new NumberTickUnit(1));
            axis.setNumberFormatOverride(new java.text.DecimalFormat("0"));
            plot.setDomainAxis(axis);
        } else {
            ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setRange(0, 1);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        plot.setRenderer(renderer);
        return chart;
    }
}
