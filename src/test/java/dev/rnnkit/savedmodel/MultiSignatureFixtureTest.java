package dev.rnnkit.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * The TF 2.3 model with five tf.function signatures, whose results its README documents:
 * get_const_scalar(x) = 0.0 + x, get_const_vector(x) = [0, 0, 0] + x,
 * get_const_matrix(x) = [[0, 0, 0], [0, 0, 0]] + x, add(a, b) = a + b, get_variable(_) = 2.0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiSignatureFixtureTest {

  // Loaded by the first test that runs rather than in @BeforeAll: a missing fixture then skips
  // each test with its message instead of silently skipping the whole class.
  private SavedModel loaded;

  private SavedModel model() {
    Path dir = Fixtures.multiSignatureModel();
    if (loaded == null) {
      loaded = SavedModel.load(dir);
    }
    return loaded;
  }

  @AfterAll
  void close() {
    if (loaded != null) {
      loaded.close();
    }
  }

  /** Calls a signature with plain values and prints its only output, output_0, as JSON text. */
  private String call(String signature, Map<String, ?> values) {
    Map<String, JsonNode> out = model().callWithValues(signature, values);
    assertEquals(List.of("output_0"), List.copyOf(out.keySet()));
    return JsonText.write(out.get("output_0"));
  }

  @Test
  void listsTheFiveSignaturesWithTheirInputs() {
    assertEquals(
        List.of("add", "get_const_matrix", "get_const_scalar", "get_const_vector", "get_variable"),
        model().signatures().stream().map(SignatureSpec::key).toList());
    assertEquals(List.of("a", "b"), List.copyOf(model().signature("add").inputs().keySet()));
    assertEquals(List.of("dummy"), List.copyOf(model().signature("get_variable").inputs().keySet()));
    for (SignatureSpec s : model().signatures()) {
      assertEquals(List.of("output_0"), List.copyOf(s.outputs().keySet()), s.key());
    }
  }

  @Test
  void getConstScalarAddsZero() {
    assertEquals("3.5", call("get_const_scalar", Map.of("input", 3.5)));
    assertEquals("-0.25", call("get_const_scalar", Map.of("input", -0.25f)));
    assertEquals("[[1.0,2.0],[3.0,4.0]]",
        call("get_const_scalar", Map.of("input", new float[][] {{1, 2}, {3, 4}})));
  }

  @Test
  void getConstVectorBroadcastsThreeZeros() {
    assertEquals("[1.5,1.5,1.5]", call("get_const_vector", Map.of("input", 1.5)));
    assertEquals("[1.0,-2.0,3.0]", call("get_const_vector", Map.of("input", List.of(1, -2, 3))));
  }

  @Test
  void getConstMatrixBroadcastsATwoByThreeZeroMatrix() {
    assertEquals("[[2.0,2.0,2.0],[2.0,2.0,2.0]]", call("get_const_matrix", Map.of("input", 2)));
    assertEquals("[[0.0,0.0,0.0],[0.0,0.0,0.0]]", call("get_const_matrix", Map.of("input", 0)));
    assertEquals("[[1.0,2.0,3.0],[1.0,2.0,3.0]]",
        call("get_const_matrix", Map.of("input", new float[] {1, 2, 3})));
  }

  @Test
  void addAddsElementwise() {
    assertEquals("5.0", call("add", Map.of("a", 2, "b", 3)));
    assertEquals("[4.0,6.0]", call("add", Map.of("a", List.of(1, 2), "b", List.of(3, 4))));
    assertEquals("[[1.5,2.5]]", call("add", Map.of("a", new float[][] {{1, 2}}, "b", 0.5)));
  }

  @Test
  void getVariableReturnsTheStoredTwo() {
    assertEquals("2.0", call("get_variable", Map.of("dummy", 0)));
    assertEquals("2.0", call("get_variable", Map.of("dummy", List.of(7, 8, 9))));
  }

  @Test
  void typedCallsGiveTypedTensors() {
    try (TFloat32 a = TFloat32.vectorOf(1f, 2f);
        TFloat32 b = TFloat32.vectorOf(10f, 20f)) {
      Map<String, Tensor> out = model().call("add", Map.of("a", a, "b", b));
      try (TFloat32 sum = (TFloat32) out.get("output_0")) {
        assertArrayEquals(new long[] {2}, sum.shape().asArray());
        assertEquals(11f, sum.getFloat(0));
        assertEquals(22f, sum.getFloat(1));
      }
    }
    try (TFloat32 dummy = TFloat32.scalarOf(0f);
        TFloat32 value = (TFloat32) model().call("get_variable", Map.of("dummy", dummy)).get("output_0")) {
      assertEquals(0, value.shape().numDimensions());
      assertEquals(2.0f, value.getFloat());
    }
  }

  @Test
  void outputsOutliveTheModelAndAClosedModelRefusesCalls() {
    SavedModel other = SavedModel.load(Fixtures.multiSignatureModel());
    Tensor kept;
    try (TFloat32 x = TFloat32.scalarOf(4f)) {
      kept = other.call("get_const_vector", Map.of("input", x)).get("output_0");
    }
    other.close();
    other.close(); // closing twice is harmless
    try (TFloat32 v = (TFloat32) kept) {
      assertEquals(4f, v.getFloat(2));
    }
    IllegalStateException e =
        assertThrows(IllegalStateException.class,
            () -> other.callWithValues("get_const_vector", Map.of("input", 1)));
    assertEquals("The SavedModel " + other.dir() + " has been closed.", e.getMessage());
  }
}
