package dev.rnnkit.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArray;

/**
 * Turns an output tensor into JSON: a scalar becomes a JSON value, a tensor of rank n becomes
 * arrays nested n deep. Floats keep their own shortest decimal form (0.1f prints as 0.1).
 */
final class TensorToJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TensorToJson() {}

  /** The tensor's values as JSON; the tensor stays open and owned by the caller. */
  static JsonNode convert(Tensor tensor) {
    if (!JsonToTensor.SUPPORTED.contains(tensor.dataType())) {
      throw new SavedModelException(
          "An output has dtype " + tensor.dataType().name() + ", which cannot be printed as JSON; "
              + "supported: " + JsonToTensor.supportedListing() + ".");
    }
    long size = tensor.shape().size();
    if (size > Integer.MAX_VALUE) {
      throw new SavedModelException(
          "An output of shape " + tensor.shape() + " is too large to print as JSON.");
    }
    // Every typed tensor is an NdArray of its Java element type (TFloat32 of Float, TString of
    // String, ...). Boxing each value costs little next to printing it.
    List<JsonNode> values = new ArrayList<>((int) size);
    ((NdArray<?>) tensor).scalars().forEach(scalar -> values.add(node(scalar.getObject())));
    return nest(values, tensor.shape().asArray(), 0, new int[] {0});
  }

  private static JsonNode node(Object value) {
    if (value instanceof Float f) {
      return NODES.numberNode(f);
    } else if (value instanceof Double d) {
      return NODES.numberNode(d);
    } else if (value instanceof Integer i) {
      return NODES.numberNode(i);
    } else if (value instanceof Long l) {
      return NODES.numberNode(l);
    } else if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (value instanceof String s) {
      return NODES.textNode(s);
    }
    throw new IllegalStateException("Unexpected element " + value.getClass() + " of a supported dtype");
  }

  /** Builds dimension {@code depth} onwards, taking values from index {@code next[0]} on. */
  private static JsonNode nest(List<JsonNode> values, long[] shape, int depth, int[] next) {
    if (depth == shape.length) {
      return values.get(next[0]++);
    }
    ArrayNode array = NODES.arrayNode((int) shape[depth]);
    for (long i = 0; i < shape[depth]; i++) {
      array.add(nest(values, shape, depth + 1, next));
    }
    return array;
  }
}
