package dev.rnnkit.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Builds the tensor a signature input declares from a JSON value (nested arrays of numbers,
 * strings or booleans), checking shape and every element first so that TensorFlow never sees a
 * value it would reject.
 */
final class JsonToTensor {

  /** Which JSON values each supported dtype takes, and how to say so in a message. */
  private enum Element {
    FLOAT(DataType.DT_FLOAT, "a number within the float32 range",
        v -> v.isNumber() && Math.abs(v.doubleValue()) <= Float.MAX_VALUE),
    DOUBLE(DataType.DT_DOUBLE, "a number", JsonNode::isNumber),
    // Integral literals only: 1.0 is refused, as a typo for a float input is likelier than intent.
    INT32(DataType.DT_INT32, "an integer within the int32 range",
        v -> v.isIntegralNumber() && v.canConvertToInt()),
    INT64(DataType.DT_INT64, "an integer within the int64 range",
        v -> v.isIntegralNumber() && v.canConvertToLong()),
    STRING(DataType.DT_STRING, "a string", JsonNode::isTextual),
    BOOL(DataType.DT_BOOL, "true or false", JsonNode::isBoolean);

    final DataType dtype;
    final String expected;
    final Predicate<JsonNode> accepts;

    Element(DataType dtype, String expected, Predicate<JsonNode> accepts) {
      this.dtype = dtype;
      this.expected = expected;
      this.accepts = accepts;
    }

    static Optional<Element> of(DataType dtype) {
      return Arrays.stream(values()).filter(e -> e.dtype == dtype).findFirst();
    }
  }

  /** The dtypes a JSON value can be turned into. */
  static final Set<DataType> SUPPORTED =
      Arrays.stream(Element.values()).map(e -> e.dtype).collect(Collectors.toUnmodifiableSet());

  private JsonToTensor() {}

  /**
   * The tensor for one input. The caller owns it and must close it.
   *
   * @param what names the input in error messages, e.g. "Input 'x' of signature 'add'"
   * @throws SavedModelException if the dtype is unsupported, or the value's shape or an element
   *     does not fit the spec
   */
  static Tensor convert(JsonNode value, TensorSpec spec, String what) {
    Element element =
        Element.of(spec.dtype())
            .orElseThrow(
                () ->
                    new SavedModelException(
                        what + " has dtype " + spec.dtypeName()
                            + ", which cannot be built from JSON; supported: "
                            + supportedListing() + "."));
    NestedArray array = NestedArray.of(value, what);
    long[] dims = array.shapeArray();
    InputChecks.shape(what, spec, dims);
    List<JsonNode> values = array.elements();
    for (int i = 0; i < values.size(); i++) {
      if (!element.accepts.test(values.get(i))) {
        String where = dims.length == 0 ? "its value" : "the element at " + array.positionOf(i);
        throw new SavedModelException(
            what + " expects " + spec.dtypeName() + " values (" + element.expected + "), but "
                + where + " is " + describe(values.get(i)) + ".");
      }
    }
    return build(element, Shape.of(dims), values);
  }

  /** The tensor of already checked values. */
  private static Tensor build(Element element, Shape shape, List<JsonNode> values) {
    return switch (element) {
      case FLOAT -> {
        float[] floats = new float[values.size()];
        for (int i = 0; i < floats.length; i++) {
          // Through double, as Python's json plus numpy's astype(float32) round it.
          floats[i] = (float) values.get(i).doubleValue();
        }
        yield TFloat32.tensorOf(shape, DataBuffers.of(floats, true, false));
      }
      case DOUBLE -> TFloat64.tensorOf(
          shape, DataBuffers.of(values.stream().mapToDouble(JsonNode::doubleValue).toArray(), true, false));
      case INT32 -> TInt32.tensorOf(
          shape, DataBuffers.of(values.stream().mapToInt(JsonNode::intValue).toArray(), true, false));
      case INT64 -> TInt64.tensorOf(
          shape, DataBuffers.of(values.stream().mapToLong(JsonNode::longValue).toArray(), true, false));
      case STRING -> TString.tensorOf(
          shape, DataBuffers.of(values.stream().map(JsonNode::textValue).toArray(String[]::new), true, false));
      case BOOL -> {
        boolean[] bools = new boolean[values.size()];
        for (int i = 0; i < bools.length; i++) {
          bools[i] = values.get(i).booleanValue();
        }
        yield TBool.tensorOf(shape, DataBuffers.of(bools, true, false));
      }
    };
  }

  /** "DT_BOOL, DT_DOUBLE, ...", sorted, for messages. */
  static String supportedListing() {
    return SUPPORTED.stream().map(DataType::name).sorted().collect(Collectors.joining(", "));
  }

  /** What a JSON value is, for messages: "the string \"abc\"", "the number 1.5", "null". */
  static String describe(JsonNode v) {
    if (v.isTextual()) {
      return "the string " + v;
    }
    if (v.isNumber()) {
      return "the number " + v;
    }
    if (v.isBoolean()) {
      return "the boolean " + v;
    }
    if (v.isNull()) {
      return "null";
    }
    return v.isObject() ? "a JSON object" : "the JSON value " + v;
  }
}
