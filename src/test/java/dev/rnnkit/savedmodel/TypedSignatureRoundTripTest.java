package dev.rnnkit.savedmodel;

import static dev.rnnkit.savedmodel.ErrorMessages.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Every JSON-supported dtype through a real signature. The Python fixtures only take floats, so
 * this model is exported here by TF Java; it needs no fixture and runs in every clone.
 */
class TypedSignatureRoundTripTest {

  @TempDir static Path tmp;
  private static SavedModel model;

  @BeforeAll
  static void exportAndLoad() throws IOException {
    Path dir = tmp.resolve("typed_model");
    try (Graph graph = new Graph();
        Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      var ints = tf.withName("ints").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 2)));
      var longs = tf.withName("longs").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
      var halve = tf.withName("halve").placeholder(TFloat64.class, Placeholder.shape(Shape.scalar()));
      var words = tf.withName("words").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      var flags = tf.withName("flags").placeholder(TBool.class, Placeholder.shape(Shape.of(-1)));
      Signature signature =
          Signature.builder()
              .key("typed")
              .methodName("tensorflow/serving/predict")
              .input("ints", ints)
              .input("longs", longs)
              .input("halve", halve)
              .input("words", words)
              .input("flags", flags)
              .output("ints_doubled", tf.math.mul(ints, tf.constant(2)))
              .output("longs_plus_one", tf.math.add(longs, tf.constant(1L)))
              .output("half", tf.math.div(halve, tf.constant(2.0)))
              .output("words", tf.identity(words))
              .output("not_flags", tf.math.logicalNot(flags))
              .build();
      SavedModelBundle.exporter(dir.toString())
          .withTags("serve")
          .withFunction(session.function(signature))
          .export();
    }
    model = SavedModel.load(dir);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void everyDtypeGoesInAndComesBackAsJson() {
    String answer =
        SignatureRunner.run(model, "typed",
            Map.of(
                "ints", "[[1, 2], [3, -4]]",
                // 2^53 + 1: a double would lose the last digit, an int64 must not.
                "longs", "[9007199254740993]",
                "halve", "0.3",
                "words", "[\"a\", \"héllo wörld\"]",
                "flags", "[true, false]"));
    assertEquals(
        "{\"half\":0.15,\"ints_doubled\":[[2,4],[6,-8]],\"longs_plus_one\":[9007199254740994],"
            + "\"not_flags\":[false,true],\"words\":[\"a\",\"héllo wörld\"]}",
        answer);
  }

  @Test
  void inspectionShowsEachDtypeAndShape() {
    String text = model.describe();
    assertTrue(text.contains("    inputs['ints'] tensor_info:\n"
        + "        dtype: DT_INT32\n"
        + "        shape: (-1, 2)\n"
        + "        name: ints:0\n"), text);
    assertTrue(text.contains("dtype: DT_INT64\n        shape: (-1)\n"), text);
    assertTrue(text.contains("dtype: DT_DOUBLE\n        shape: ()\n"), text);
    assertTrue(text.contains("dtype: DT_STRING\n"), text);
    assertTrue(text.contains("dtype: DT_BOOL\n"), text);
  }

  @Test
  void valuesOfTheWrongKindForIntStringAndBoolInputs() {
    Map<String, Object> good =
        Map.of("ints", new int[][] {{1, 2}}, "longs", new long[] {1}, "halve", 1.0,
            "words", new String[] {"w"}, "flags", new boolean[] {true});
    assertEquals(5, model.callWithValues("typed", good).size());

    assertMessage(() -> model.callWithValues("typed", with(good, "ints", new double[][] {{1.5, 2}})),
        "Input 'ints' of signature 'typed' expects DT_INT32", "[0, 0] is the number 1.5");
    assertMessage(() -> model.callWithValues("typed", with(good, "ints", new int[][] {{1, 2, 3}})),
        "has shape (1, 3)", "dimension 1 is 3, expected 2");
    assertMessage(() -> model.callWithValues("typed", with(good, "words", new int[] {7})),
        "Input 'words' of signature 'typed' expects DT_STRING", "the number 7");
    assertMessage(() -> model.callWithValues("typed", with(good, "flags", new int[] {1})),
        "Input 'flags' of signature 'typed' expects DT_BOOL", "the number 1");
    assertMessage(() -> model.callWithValues("typed", with(good, "halve", new double[] {1})),
        "Input 'halve' of signature 'typed' has shape (1)", "declares ()");
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> changed = new java.util.HashMap<>(base);
    changed.put(key, value);
    return changed;
  }
}
