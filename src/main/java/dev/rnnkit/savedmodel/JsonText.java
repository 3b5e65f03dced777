package dev.rnnkit.savedmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.rnnkit.io.Json;
import java.util.ArrayList;
import java.util.List;

/** Parsing and printing of JSON text, with RNNKit's one JSON configuration ({@link Json}). */
final class JsonText {

  // Strict about what follows the value. NaN and Infinity are read only to be refused with a
  // message that says where they are.
  private static final ObjectReader READER = Json.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

  private JsonText() {}

  /**
   * Parses one JSON value.
   *
   * @param what names the value in the error message
   * @throws SavedModelException if the text is not exactly one JSON value, or holds NaN or
   *     Infinity
   */
  static JsonNode parse(String text, String what) {
    try {
      JsonNode node = READER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new SavedModelException(what + " is empty; expected a JSON value such as [[1.0, 2.0]].");
      }
      requireFinite(node, new ArrayList<>(), what);
      return node;
    } catch (JsonProcessingException e) {
      throw new SavedModelException(
          what + " is not valid JSON: " + e.getOriginalMessage() + " (in: " + text + ")", e);
    }
  }

  /**
   * Python's json and NumPy write NaN and Infinity, which JSON itself does not have: refuses the
   * first one, saying where it is ({@code path} holds the indices down to {@code node}).
   */
  private static void requireFinite(JsonNode node, List<Integer> path, String what) {
    if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      String where = path.isEmpty() ? "" : " at " + NestedArray.formatPath(path);
      throw new SavedModelException(what + " holds " + node.asText() + where + ": JSON has no NaN"
          + " or Infinity, so no model input can hold them; give finite numbers.");
    }
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      path.add(i);
      requireFinite(node.get(i), path, what);
      path.remove(path.size() - 1);
    }
  }

  /** A Java value (numbers, strings, booleans, arrays, lists, JsonNodes) as a JSON tree. */
  static JsonNode tree(Object value) {
    return Json.tree(value);
  }

  /** Compact JSON text of a tree. */
  static String write(JsonNode node) {
    try {
      return Json.writer().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A tree built from tensor values always serializes; this would be a Jackson bug.
      throw new IllegalStateException(e);
    }
  }
}
