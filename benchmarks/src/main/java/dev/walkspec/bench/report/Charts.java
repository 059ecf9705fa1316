package dev.walkspec.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** Line charts with error bars, written as PNG with JFreeChart (headless). */
public final class Charts {
  private static final Color[] COLORS = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0xff7f0e),
    new Color(0x9467bd),
    new Color(0x8c564b)
  };

  private Charts() {}

  /** One point: x, the estimate at x. */
  public record Point(double x, Estimate y) {}

  /**
   * Writes a chart of {@code series} (name -> points) to {@code file}.
   *
   * @param logX whether the x axis is logarithmic (base 2)
   */
  public static void write(
      Path file,
      String title,
      String xLabel,
      String yLabel,
      Map<String, List<Point>> series,
      boolean logX,
      boolean logY)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (Map.Entry<String, List<Point>> entry : series.entrySet()) {
      YIntervalSeries s = new YIntervalSeries(entry.getKey());
      for (Point p : entry.getValue()) {
        double y = p.y().median();
        if (Double.isNaN(y)) {
          continue;
        }
        double e = Double.isNaN(p.y().error()) ? 0 : p.y().error();
        s.add(p.x(), y, Math.max(y - e, y * 0.01), y + e);
      }
      data.addSeries(s);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setDefaultLinesVisible(true);
    renderer.setDefaultShapesVisible(true);
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    if (logX) {
      LogAxis axis = new LogAxis(xLabel);
      axis.setBase(2);
      axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
      plot.setDomainAxis(axis);
    } else {
      NumberAxis axis = (NumberAxis) plot.getDomainAxis();
      axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    if (logY) {
      LogAxis axis = new LogAxis(yLabel);
      axis.setBase(10);
      plot.setRangeAxis(axis);
    } else {
      ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 760, 440);
  }

  /** A fresh ordered series map. */
  public static Map<String, List<Point>> series() {
    return new LinkedHashMap<>();
  }
}
