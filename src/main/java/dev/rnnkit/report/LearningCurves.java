package dev.rnnkit.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Learning curves of several runs side by side: loss on the left, accuracy on the right, train
 * as solid lines and validation dashed, one colour per run. For sequence outputs the accuracy is
 * the last step's (the sequence's prediction).
 */
public final class LearningCurves {

  private static final Color[] COLOURS = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40)
  };
  private static final String PNG_METADATA = "javax_imageio_png_1.0";
  private static final String SOFTWARE = "RNNKit";
  /** How the tag appears in the file: the chunk type, the keyword, a NUL and the value. */
  private static final String SOFTWARE_CHUNK = "tEXtSoftware\0" + SOFTWARE;
  private static final int WIDTH = 560;
  private static final int HEIGHT = 400;

  private LearningCurves() {}

  /**
   * @param runs run name (e.g. "LSTM") to its history metrics ({@code loss}, {@code val_loss},
   *     {@code accuracy} or {@code last_step_accuracy}, ...), one value per epoch
   */
  public static BufferedImage plot(String title, Map<String, Map<String, List<Double>>> runs) {
    XYChart loss = chart(title + ": loss", "loss");
    boolean lastStep = runs.values().stream().anyMatch(m -> m.containsKey("last_step_accuracy"));
    XYChart accuracy = chart(title + ": accuracy" + (lastStep ? " (last step)" : ""), "accuracy");
    int colour = 0;
    for (Map.Entry<String, Map<String, List<Double>>> run : runs.entrySet()) {
      Map<String, List<Double>> m = run.getValue();
      String acc = m.containsKey("last_step_accuracy") ? "last_step_accuracy" : "accuracy";
      Color c = COLOURS[colour++ % COLOURS.length];
      add(loss, run.getKey() + " train", m.get("loss"), c, false);
      add(loss, run.getKey() + " validation", m.get("val_loss"), c, true);
      add(accuracy, run.getKey() + " train", m.get(acc), c, false);
      add(accuracy, run.getKey() + " validation", m.get("val_" + acc), c, true);
    }
    BufferedImage image = new BufferedImage(2 * WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.drawImage(BitmapEncoder.getBufferedImage(loss), 0, 0, null);
    g.drawImage(BitmapEncoder.getBufferedImage(accuracy), WIDTH, 0, null);
    g.dispose();
    return image;
  }

  private static XYChart chart(String title, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle("epoch").yAxisTitle(yTitle).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setDecimalPattern("#0.00");
    chart.getStyler().setXAxisDecimalPattern("#0");
    return chart;
  }

  private static void add(XYChart chart, String name, List<Double> values, Color colour, boolean dashed) {
    if (values == null || values.isEmpty()) {
      return;
    }
    List<Integer> epochs = IntStream.rangeClosed(1, values.size()).boxed().toList();
    XYSeries series = chart.addSeries(name, epochs, values);
    series.setLineColor(colour);
    series.setMarkerColor(colour);
    series.setMarker(SeriesMarkers.CIRCLE);
    if (dashed) {
      series.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {6f, 4f}, 0f));
    }
  }

  /**
   * Writes an image as PNG, creating folders as needed. The file carries the text
   * {@code Software: RNNKit}, by which a later run knows that it may replace it.
   */
  public static void writePng(BufferedImage image, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IOException("No PNG writer available for " + file);
    }
    ImageWriter writer = writers.next();
    // Through a truncating stream: an image stream over the file itself would keep the tail of a
    // longer file that was there before.
    try (OutputStream bytes = Files.newOutputStream(file);
        ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(new IIOImage(image, null, softwareTag(writer, image)));
    } finally {
      writer.dispose();
    }
  }

  /** Whether {@code file} is a PNG that {@link #writePng} wrote. */
  public static boolean isWrittenByRnnkit(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return new String(bytes, StandardCharsets.ISO_8859_1).contains(SOFTWARE_CHUNK);
  }

  private static IIOMetadata softwareTag(ImageWriter writer, BufferedImage image)
      throws IOException {
    IIOMetadata metadata = writer.getDefaultImageMetadata(
        ImageTypeSpecifier.createFromRenderedImage(image), writer.getDefaultWriteParam());
    IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
    entry.setAttribute("keyword", "Software");
    entry.setAttribute("value", SOFTWARE);
    IIOMetadataNode text = new IIOMetadataNode("tEXt");
    text.appendChild(entry);
    IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
    root.appendChild(text);
    metadata.mergeTree(PNG_METADATA, root);
    return metadata;
  }
}
