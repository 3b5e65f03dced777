package dev.rnnkit.savedmodel;

import static dev.rnnkit.savedmodel.ErrorMessages.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;

/** JSON values to typed tensors and back, without a model: every supported dtype and error. */
class JsonTensorConversionTest {

  private static TensorSpec spec(DataType dtype, DeclaredShape shape) {
    return new TensorSpec("x", dtype, shape, "x:0");
  }

  /** Converts JSON text to a tensor of that spec and back to compact JSON text. */
  private static String roundTrip(String json, DataType dtype, DeclaredShape shape, long... dims) {
    try (Tensor t = JsonToTensor.convert(JsonText.parse(json, "test"), spec(dtype, shape), "x")) {
      assertEquals(dtype, t.dataType());
      assertArrayEquals(dims, t.shape().asArray());
      return JsonText.write(TensorToJson.convert(t));
    }
  }

  private static void convert(String json, DataType dtype, DeclaredShape shape) {
    JsonNode value = JsonText.parse(json, "test");
    JsonToTensor.convert(value, spec(dtype, shape), "Input 'x' of signature 's'").close();
  }

  @Test
  void everySupportedDtypeRoundTrips() {
    DeclaredShape any = DeclaredShape.unknown();
    assertEquals("[[1.0,2.5],[-3.0,0.1]]",
        roundTrip("[[1, 2.5], [-3, 0.1]]", DataType.DT_FLOAT, DeclaredShape.of(-1, 2), 2, 2));
    assertEquals("[0.1,1.0E300]", roundTrip("[0.1, 1e300]", DataType.DT_DOUBLE, any, 2));
    assertEquals("[[[2147483647],[-2147483648]]]",
        roundTrip("[[[2147483647], [-2147483648]]]", DataType.DT_INT32, any, 1, 2, 1));
    assertEquals("[9223372036854775807,-1]",
        roundTrip("[9223372036854775807, -1]", DataType.DT_INT64, DeclaredShape.of(2), 2));
    assertEquals("[[\"a\",\"é ü\"],[\"\",\"tab\\t\"]]",
        roundTrip("[[\"a\", \"é ü\"], [\"\", \"tab\\t\"]]", DataType.DT_STRING, any, 2, 2));
    assertEquals("[true,false]", roundTrip("[true, false]", DataType.DT_BOOL, any, 2));
  }

  @Test
  void scalarsAndEmptyArrays() {
    assertEquals("3.5", roundTrip("3.5", DataType.DT_FLOAT, DeclaredShape.unknown()));
    assertEquals("7", roundTrip("7", DataType.DT_INT64, DeclaredShape.of()));
    assertEquals("\"hi\"", roundTrip("\"hi\"", DataType.DT_STRING, DeclaredShape.unknown()));
    assertEquals("[]", roundTrip("[]", DataType.DT_FLOAT, DeclaredShape.unknown(), 0));
    assertEquals("[[],[]]", roundTrip("[[], []]", DataType.DT_INT32, DeclaredShape.of(-1, 0), 2, 0));
  }

  @Test
  void floatsRoundToFloat32AsNumpyWould() {
    // 16777217 is not a float32; it rounds to even, 16777216.
    assertEquals("[1.6777216E7]", roundTrip("[16777217]", DataType.DT_FLOAT, DeclaredShape.of(1), 1));
  }

  @Test
  void wrongElementTypesNameTheElementAndItsPosition() {
    DeclaredShape any = DeclaredShape.unknown();
    assertMessage(() -> convert("[[1.0], [\"abc\"]]", DataType.DT_FLOAT, any),
        "Input 'x' of signature 's' expects DT_FLOAT values", "the element at [1, 0]",
        "the string \"abc\"");
    assertMessage(() -> convert("\"abc\"", DataType.DT_FLOAT, any), "its value is the string");
    assertMessage(() -> convert("[true]", DataType.DT_FLOAT, any), "the boolean true");
    assertMessage(() -> convert("[null]", DataType.DT_DOUBLE, any), "is null");
    assertMessage(() -> convert("[{}]", DataType.DT_FLOAT, any), "a JSON object");
    assertMessage(() -> convert("[1e39]", DataType.DT_FLOAT, any), "float32 range", "1.0E39");
    assertMessage(() -> convert("[1, 2.5]", DataType.DT_INT32, any),
        "expects DT_INT32 values (an integer", "the element at [1]", "the number 2.5");
    assertMessage(() -> convert("[2147483648]", DataType.DT_INT32, any), "int32 range");
    assertMessage(() -> convert("[9223372036854775808]", DataType.DT_INT64, any), "int64 range");
    assertMessage(() -> convert("[1]", DataType.DT_STRING, any), "(a string)", "the number 1");
    assertMessage(() -> convert("[\"true\"]", DataType.DT_BOOL, any), "(true or false)");
  }

  @Test
  void shapesAreCheckedAgainstTheDeclaredOne() {
    DeclaredShape declared = DeclaredShape.of(-1, 5, 1);
    assertMessage(() -> convert("[[1, 2, 3, 4, 5]]", DataType.DT_FLOAT, declared),
        "has shape (1, 5), but the signature declares (-1, 5, 1)", "rank 2, expected rank 3");
    assertMessage(() -> convert("[[[1], [2], [3], [4]]]", DataType.DT_FLOAT, declared),
        "has shape (1, 4, 1)", "dimension 1 is 4, expected 5");
    assertMessage(() -> convert("1", DataType.DT_FLOAT, declared), "has shape ()");
  }

  @Test
  void raggedOrMixedArraysAreRefused() {
    DeclaredShape any = DeclaredShape.unknown();
    assertMessage(() -> convert("[[1], [2, 3]]", DataType.DT_FLOAT, any),
        "not a rectangular array", "at [1] found length 2, expected length 1");
    assertMessage(() -> convert("[[1], 2]", DataType.DT_FLOAT, any), "at [1] found a single value");
    assertMessage(() -> convert("[1, [2]]", DataType.DT_FLOAT, any),
        "at [1] an array stands where the other rows hold values");
    assertMessage(() -> convert("[[], [1]]", DataType.DT_FLOAT, any), "found length 1");
  }

  @Test
  void unsupportedDtypeListsTheSupportedOnes() {
    assertMessage(() -> convert("[1]", DataType.DT_HALF, DeclaredShape.unknown()),
        "dtype DT_HALF", "DT_BOOL, DT_DOUBLE, DT_FLOAT, DT_INT32, DT_INT64, DT_STRING");
  }

  @Test
  void invalidJsonTextIsReported() {
    assertMessage(() -> JsonText.parse("[1, 2", "The value given for input 'x'"),
        "The value given for input 'x' is not valid JSON", "[1, 2");
    assertMessage(() -> JsonText.parse("[1] [2]", "v"), "not valid JSON");
    assertMessage(() -> JsonText.parse("", "v"), "v is empty");
  }

  @Test
  void nanAndInfinityAreRefusedWithTheInputAndPosition() {
    assertMessage(() -> SignatureRunner.parseValue("x", "[[1.0, 2.0], [3.0, NaN]]"),
        "The value given for input 'x' holds NaN at [1, 1]", "JSON has no NaN or Infinity",
        "give finite numbers");
    assertMessage(() -> SignatureRunner.parseValue("y", "[-Infinity]"),
        "input 'y' holds -Infinity at [0]", "JSON has no NaN or Infinity");
    assertMessage(() -> SignatureRunner.parseValue("z", "Infinity"), "input 'z' holds Infinity:");
  }

  @Test
  void positionsAreRowMajor() {
    NestedArray array = NestedArray.of(JsonText.parse("[[1, 2, 3], [4, 5, 6]]", "t"), "t");
    assertEquals(java.util.List.of(2L, 3L), array.shape());
    assertEquals("[1, 1]", array.positionOf(4));
    assertEquals(5, array.elements().get(4).intValue());
  }
}
