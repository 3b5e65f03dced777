package dev.rnnkit.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * RNNKit's one JSON configuration (Jackson's defaults), for every file and message it reads or
 * writes. The mapper itself stays private: it is configured here once and never changed, which
 * is what makes a Jackson mapper safe to share between threads. Callers get immutable readers and
 * writers from it and derive the variants they need ({@code reader().with(...)}), which affect
 * no one else.
 */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Reads JSON text or bytes, as trees ({@code readTree}) or, with {@code forType}, as values. */
  public static ObjectReader reader() {
    return MAPPER.reader();
  }

  /** Writes compact JSON. */
  public static ObjectWriter writer() {
    return MAPPER.writer();
  }

  /** Writes indented JSON, for files people read. */
  public static ObjectWriter prettyWriter() {
    return MAPPER.writerWithDefaultPrettyPrinter();
  }

  /** A Java value (numbers, strings, arrays, lists, maps, records, trees) as a JSON tree. */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** A new, empty JSON object to fill. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** A new, empty JSON array to fill. */
  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }
}
