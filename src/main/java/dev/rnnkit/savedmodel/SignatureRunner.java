package dev.rnnkit.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a signature on JSON text and answers JSON text: the shape of a command-line
 * {@code predict --model DIR --signature NAME --input key=JSON...}.
 *
 * <p>The answer is one JSON object with a member per output key, sorted, e.g.
 * {@code {"dense_17":[[0.42]]}}.
 */
public final class SignatureRunner {

  private SignatureRunner() {}

  /** Loads the model (tag "serve", ops checked), runs one signature and closes the model. */
  public static String run(Path dir, String signature, Map<String, String> jsonInputs) {
    return run(dir, LoadOptions.defaults(), signature, jsonInputs);
  }

  /** Loads the model with these options, runs one signature and closes the model. */
  public static String run(Path dir, LoadOptions options, String signature,
      Map<String, String> jsonInputs) {
    try (SavedModel model = SavedModel.load(dir, options)) {
      return run(model, signature, jsonInputs);
    }
  }

  /** Runs one signature of a model already loaded, for many calls on one load. */
  public static String run(SavedModel model, String signature, Map<String, String> jsonInputs) {
    // Names before values: a wrong signature or key is the likelier mistake, and its message
    // lists what to use instead.
    InputChecks.keys(model.signature(signature), jsonInputs.keySet());
    Map<String, JsonNode> values = new LinkedHashMap<>();
    jsonInputs.forEach((key, text) -> values.put(key, parseValue(key, text)));
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    model.callWithValues(signature, values).forEach(answer::set);
    return JsonText.write(answer);
  }

  /**
   * The JSON value given for one input, as {@link #run} reads it.
   *
   * @throws SavedModelException naming the input, if the text is not one JSON value or holds NaN
   *     or Infinity
   */
  public static JsonNode parseValue(String key, String json) {
    return JsonText.parse(json, "The value given for input '" + key + "'");
  }

  /**
   * Splits command-line arguments of the form {@code key=JSON} (at the first '=') into a map in
   * argument order.
   *
   * @throws SavedModelException for an argument without '=' or a key given twice
   */
  public static Map<String, String> parseInputArguments(List<String> arguments) {
    Map<String, String> inputs = new LinkedHashMap<>();
    for (String argument : arguments) {
      int eq = argument.indexOf('=');
      if (eq <= 0) {
        throw new SavedModelException(
            "Input '" + argument + "' is not of the form key=JSON, e.g. input_6=[[[1],[2],[3],[4],[5]]].");
      }
      String key = argument.substring(0, eq);
      if (inputs.put(key, argument.substring(eq + 1)) != null) {
        throw new SavedModelException("Input '" + key + "' is given twice.");
      }
    }
    return inputs;
  }
}
