package dev.rnnkit.compare;

import dev.rnnkit.model.ArticleModels.Cell;
import dev.rnnkit.report.Images;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The comparison's plots, drawn with XChart: mean learning curves, test accuracy and loss, cost
 * (time and memory) and long-range accuracy per length. Each model keeps one colour in every
 * plot; error bars are ± one standard deviation over seeds.
 */
final class ComparisonPlots {

  static final String LEARNING_CURVES = "learning-curves";
  static final String ACCURACY = "test-accuracy";
  static final String COST = "cost";
  static final String LONG_RANGE = "long-range";

  private static final int WIDTH = 560;
  private static final int HEIGHT = 420;
  private static final Color[] COLOURS = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40)
  };
  private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT,
      BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  private ComparisonPlots() {}

  /** Every plot of the result, by file name without extension, in report order. */
  static Map<String, BufferedImage> of(ComparisonResult result) {
    Map<String, BufferedImage> plots = new LinkedHashMap<>();
    plots.put(LEARNING_CURVES, learningCurves(result));
    plots.put(ACCURACY, accuracy(result));
    plots.put(COST, cost(result));
    if (!result.lengths().isEmpty()) {
      plots.put(LONG_RANGE, longRange(result));
    }
    return Collections.unmodifiableMap(plots);
  }

  /**
   * Loss and accuracy per epoch, mean over seeds: training solid, test dashed. Only the
   * training lines enter the legend, so three models fit below the chart.
   */
  private static BufferedImage learningCurves(ComparisonResult result) {
    String seeds = "mean of " + result.config().seedCount() + " seed(s)";
    XYChart loss = xyChart("Loss, " + seeds + " (dashed: test)", "epoch", "loss");
    XYChart accuracy = xyChart("Accuracy, " + seeds + " (dashed: test)", "epoch", "accuracy");
    List<Integer> epochs = IntStream.rangeClosed(1, result.config().epochs()).boxed().toList();
    for (Cell cell : result.cells()) {
      String name = ModelFacts.displayName(cell);
      Color colour = colour(result, cell);
      line(loss.addSeries(name, epochs, result.meanCurve(cell, "loss")), colour);
      line(loss.addSeries(name + " test", epochs, result.meanCurve(cell, "val_loss")), colour)
          .setLineStyle(DASHED).setShowInLegend(false);
      line(accuracy.addSeries(name, epochs, result.meanCurve(cell, "accuracy")), colour);
      line(accuracy.addSeries(name + " test", epochs, result.meanCurve(cell, "val_accuracy")),
          colour).setLineStyle(DASHED).setShowInLegend(false);
    }
    return Images.sideBySide(image(loss), image(accuracy));
  }

  private static BufferedImage accuracy(ComparisonResult result) {
    String after = "after " + result.config().epochs() + " epoch(s)";
    return Images.sideBySide(
        perModel(result, "Test accuracy (mean ± std over seeds)", after, "accuracy",
            ComparisonResult::testAccuracy),
        perModel(result, "Test loss (mean ± std over seeds)", after, "binary cross-entropy",
            ComparisonResult::testLoss));
  }

  private static BufferedImage cost(ComparisonResult result) {
    CategoryChart time = categoryChart("Time (mean ± std over seeds)", "milliseconds");
    CategoryChart memory = categoryChart("Peak memory (mean ± std over seeds)", "MiB");
    List<String> timeNames = List.of("train step", "predict 1 sequence",
        "predict batch of " + result.runs().get(0).latency().batchRows());
    List<String> memoryNames = List.of("JVM heap", "process resident");
    for (Cell cell : result.cells()) {
      bars(time, result, cell, timeNames, List.of(result.millisPerStep(cell),
          result.singleLatencyMillis(cell), result.batchLatencyMillis(cell)));
      bars(memory, result, cell, memoryNames, List.of(result.heapPeakMebibytes(cell),
          result.physicalPeakMebibytes(cell)));
    }
    return Images.sideBySide(image(time), image(memory));
  }

  /**
   * Accuracy and step time per length, with evenly spaced lengths (the default lengths double,
   * and a logarithmic XChart axis labels only powers of ten).
   */
  private static BufferedImage longRange(ComparisonResult result) {
    CategoryChart accuracy = categoryChart("Long-range task: test accuracy", "test accuracy");
    CategoryChart speed = categoryChart("Long-range task: training time per step", "ms per step");
    List<String> lengths = result.lengths().stream().map(String::valueOf).toList();
    for (Cell cell : result.cells()) {
      List<Spread> acc = new ArrayList<>();
      List<Spread> millis = new ArrayList<>();
      for (int length : result.lengths()) {
        acc.add(result.longRangeAccuracy(cell, length));
        millis.add(result.longRangeMillisPerStep(cell, length));
      }
      lineWithErrors(accuracy, ModelFacts.displayName(cell), lengths, acc, colour(result, cell));
      lineWithErrors(speed, ModelFacts.displayName(cell), lengths, millis, colour(result, cell));
    }
    reference(accuracy, "chance", lengths, 0.5, Color.GRAY);
    reference(accuracy, "fails below", lengths, ComparisonResult.FAILURE_ACCURACY, Color.RED);
    accuracy.getStyler().setYAxisMin(0.4).setYAxisMax(1.02);
    for (CategoryChart chart : List.of(accuracy, speed)) {
      chart.setXAxisTitle("sequence length");
      chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
      chart.getStyler().setOverlapped(true); // points at the length itself, not offset per model
    }
    return Images.sideBySide(image(accuracy), image(speed));
  }

  /** One bar per model, all in one category, so the bars stand side by side. */
  private static BufferedImage perModel(ComparisonResult result, String title, String category,
      String yTitle, BiFunction<ComparisonResult, Cell, Spread> figure) {
    CategoryChart chart = categoryChart(title, yTitle);
    for (Cell cell : result.cells()) {
      bars(chart, result, cell, List.of(category), List.of(figure.apply(result, cell)));
    }
    return image(chart);
  }

  private static void bars(CategoryChart chart, ComparisonResult result, Cell cell,
      List<String> categories, List<Spread> values) {
    chart.addSeries(ModelFacts.displayName(cell), categories,
        values.stream().map(Spread::mean).toList(), values.stream().map(Spread::std).toList())
        .setFillColor(colour(result, cell));
  }

  private static void lineWithErrors(CategoryChart chart, String name, List<String> categories,
      List<Spread> values, Color colour) {
    CategorySeries series = chart.addSeries(name, categories,
        values.stream().map(Spread::mean).toList(), values.stream().map(Spread::std).toList());
    series.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Line);
    series.setLineColor(colour);
    series.setMarkerColor(colour);
    series.setMarker(SeriesMarkers.CIRCLE);
  }

  private static void reference(
      CategoryChart chart, String name, List<String> categories, double value, Color colour) {
    CategorySeries series = chart.addSeries(name, categories, Collections.nCopies(categories.size(), value));
    series.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Line);
    series.setLineColor(colour);
    series.setLineStyle(DASHED);
    series.setMarker(SeriesMarkers.NONE);
  }

  private static CategoryChart categoryChart(String title, String yTitle) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .yAxisTitle(yTitle).build();
    style(chart.getStyler());
    chart.getStyler().setErrorBarsColor(Color.BLACK);
    return chart;
  }

  private static XYChart xyChart(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    style(chart.getStyler());
    chart.getStyler().setXAxisDecimalPattern("#0");
    return chart;
  }

  private static void style(Styler styler) {
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setDecimalPattern("#,##0.###");
  }

  private static XYSeries line(XYSeries series, Color colour) {
    series.setLineColor(colour);
    series.setMarkerColor(colour);
    series.setMarker(SeriesMarkers.CIRCLE);
    return series;
  }

  /** A model's colour: by its place in the comparison. */
  private static Color colour(ComparisonResult result, Cell cell) {
    return COLOURS[result.cells().indexOf(cell) % COLOURS.length];
  }

  private static BufferedImage image(Chart<?, ?> chart) {
    return BitmapEncoder.getBufferedImage(chart);
  }
}
