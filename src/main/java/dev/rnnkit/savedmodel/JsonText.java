package dev.rnnkit.savedmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Parsing and printing of JSON text with one shared, never reconfigured mapper. */
final class JsonText {

  // Configured once here and never changed afterwards: Jackson mappers are then thread-safe.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private JsonText() {}

  /**
   * Parses one JSON value.
   *
   * @param what names the value in the error message
   * @throws SavedModelException if the text is not exactly one JSON value
   */
  static JsonNode parse(String text, String what) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new SavedModelException(what + " is empty; expected a JSON value such as [[1.0, 2.0]].");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new SavedModelException(
          what + " is not valid JSON: " + e.getOriginalMessage() + " (in: " + text + ")", e);
    }
  }

  /** A Java value (numbers, strings, booleans, arrays, lists, JsonNodes) as a JSON tree. */
  static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Compact JSON text of a tree. */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A tree built from tensor values always serializes; this would be a Jackson bug.
      throw new IllegalStateException(e);
    }
  }
}
