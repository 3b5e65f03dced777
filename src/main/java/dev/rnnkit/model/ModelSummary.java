package dev.rnnkit.model;

import dev.rnnkit.layers.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.ndarray.Shape;

/** Formats Keras's {@code model.summary()} table: layer (type), output shape, params. */
final class ModelSummary {

  private ModelSummary() {}

  static String of(Sequential model) {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < model.layers().size(); i++) {
      Layer layer = model.layers().get(i);
      rows.add(
          new String[] {
            layer.name() + " (" + layer.kerasClassName() + ")",
            shapeText(model.outputShapeOf(i)),
            String.format(Locale.ROOT, "%,d", layer.paramCount(model.inputShapeOf(i)))
          });
    }
    int[] widths = {28, 25, 12};
    for (String[] row : rows) {
      for (int c = 0; c < 3; c++) {
        widths[c] = Math.max(widths[c], row[c].length() + 2);
      }
    }
    int total = widths[0] + widths[1] + widths[2];
    StringBuilder out = new StringBuilder();
    out.append("Model: \"sequential\"\n");
    out.append("_".repeat(total)).append('\n');
    out.append(row(widths, "Layer (type)", "Output Shape", "Param #"));
    out.append("=".repeat(total)).append('\n');
    for (int i = 0; i < rows.size(); i++) {
      out.append(row(widths, rows.get(i)));
      out.append((i == rows.size() - 1 ? "=" : "_").repeat(total)).append('\n');
    }
    long params = model.paramCount();
    out.append(String.format(Locale.ROOT, "Total params: %,d%n", params));
    out.append(String.format(Locale.ROOT, "Trainable params: %,d%n", params));
    out.append("Non-trainable params: 0\n");
    out.append("_".repeat(total)).append('\n');
    return out.toString();
  }

  private static String row(int[] widths, String... cells) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      line.append(String.format("%-" + widths[c] + "s", cells[c]));
    }
    return line.toString().stripTrailing() + "\n";
  }

  /** Keras's notation: {@code (None, 50, 64)}. */
  static String shapeText(Shape shape) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < shape.numDimensions(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      long d = shape.get(i);
      text.append(d < 0 ? "None" : Long.toString(d));
    }
    return text.append(')').toString();
  }
}
