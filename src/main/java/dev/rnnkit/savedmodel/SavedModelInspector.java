package dev.rnnkit.savedmodel;

import java.nio.file.Path;
import java.util.Map;

/**
 * The text {@code saved_model_cli show --dir DIR --all} prints, built from saved_model.pb alone.
 *
 * <p>The layout follows TensorFlow's {@code saved_model_cli.py} ({@code _show_all},
 * {@code _show_inputs_outputs}, {@code _print_tensor_info}) line for line, so that output can be
 * compared with Python's. The "Defined Functions" part that Python appends needs Python's object
 * loader and is left out.
 */
public final class SavedModelInspector {

  private SavedModelInspector() {}

  /** Describes the SavedModel in that folder; see {@link SavedModelContents#read(Path)}. */
  public static String describe(Path dir) {
    return describe(SavedModelContents.read(dir));
  }

  /** Every MetaGraph with its signatures, inputs and outputs. */
  public static String describe(SavedModelContents contents) {
    StringBuilder out = new StringBuilder();
    for (MetaGraphSpec metaGraph : contents.metaGraphs()) {
      out.append("\nMetaGraphDef with tag-set: '")
          .append(metaGraph.tagSetText())
          .append("' contains the following SignatureDefs:\n");
      for (SignatureSpec signature : metaGraph.signatures().values()) {
        out.append("\nsignature_def['").append(signature.key()).append("']:\n");
        appendSignature(out, signature, "  ");
      }
    }
    return out.toString();
  }

  /**
   * One signature's inputs, outputs and method, as {@code saved_model_cli show --dir DIR
   * --tag_set serve --signature_def KEY} prints them.
   */
  public static String describe(SignatureSpec signature) {
    StringBuilder out = new StringBuilder();
    appendSignature(out, signature, "");
    return out.toString();
  }

  private static void appendSignature(StringBuilder out, SignatureSpec signature, String indent) {
    out.append(indent)
        .append("The given SavedModel SignatureDef contains the following input(s):\n");
    appendTensors(out, "inputs", signature.inputs(), indent);
    out.append(indent)
        .append("The given SavedModel SignatureDef contains the following output(s):\n");
    appendTensors(out, "outputs", signature.outputs(), indent);
    out.append(indent).append("Method name is: ").append(signature.methodName()).append('\n');
  }

  private static void appendTensors(
      StringBuilder out, String label, Map<String, TensorSpec> tensors, String indent) {
    String infoIndent = indent + "      ";
    tensors.forEach(
        (key, spec) -> {
          out.append(indent).append("  ").append(label).append("['").append(key)
              .append("'] tensor_info:\n");
          out.append(infoIndent).append("dtype: ").append(spec.dtypeName()).append('\n');
          out.append(infoIndent).append("shape: ").append(spec.shape()).append('\n');
          out.append(infoIndent).append("name: ").append(spec.tensorName()).append('\n');
        });
  }
}
