package dev.rnnkit.savedmodel;

import static dev.rnnkit.savedmodel.ErrorMessages.assertMessage;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Every mistake a caller can make with a loaded model ends in a SavedModelException that lists
 * what is available, and never reaches TensorFlow's native code unchecked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavedModelErrorsTest {

  // Each fixture model is loaded once, by the first test that needs it, so that a missing
  // fixture skips each test with its message (an abort in @BeforeAll would hide it).
  private final Map<Path, SavedModel> loaded = new HashMap<>();

  private SavedModel lstm() {
    return loaded.computeIfAbsent(Fixtures.lstmModel(), SavedModel::load);
  }

  private SavedModel multi() {
    return loaded.computeIfAbsent(Fixtures.multiSignatureModel(), SavedModel::load);
  }

  @AfterAll
  void close() {
    loaded.values().forEach(SavedModel::close);
  }

  @Test
  void wrongTagListsTheTagSetsPresent() {
    Path dir = Fixtures.lstmModel();
    assertMessage(() -> SavedModel.load(dir, "train"),
        "No MetaGraph in", "tag-set 'train'", "Tag-sets present: 'serve'");
  }

  @Test
  void unknownSignatureListsTheSignatures() {
    SavedModel multi = multi();
    SavedModel lstm = lstm();
    assertMessage(() -> multi.signature("predict"), "No signature 'predict'",
        "Signatures: add, get_const_matrix, get_const_scalar, get_const_vector, get_variable.");
    assertMessage(() -> lstm.callWithValues("serve", Map.of("input_6", 1)),
        "No signature 'serve'", "Signatures: serving_default.");
    // TensorFlow's initializer marker is listed by saved_model_cli but is not callable.
    assertMessage(() -> multi.signature(MetaGraphSpec.INIT_OP_SIGNATURE_KEY), "No signature");
  }

  @Test
  void missingInputListsTheInputs() {
    SavedModel multi = multi();
    SavedModel lstm = lstm();
    assertMessage(() -> multi.callWithValues("add", Map.of("a", 1)),
        "Signature 'add' was called with inputs [a]: missing [b].",
        "Its inputs are: a: DT_FLOAT unknown_rank, b: DT_FLOAT unknown_rank.");
    assertMessage(() -> lstm.callWithValues("serving_default", Map.of()),
        "called with no inputs: missing [input_6]", "input_6: DT_FLOAT (-1, 5, 1)");
  }

  @Test
  void extraOrMisspelledInputListsTheInputs() {
    SavedModel multi = multi();
    SavedModel lstm = lstm();
    assertMessage(() -> multi.callWithValues("add", Map.of("a", 1, "b", 2, "c", 3)),
        "unknown [c]", "Its inputs are: a: DT_FLOAT unknown_rank, b: DT_FLOAT unknown_rank.");
    assertMessage(() -> lstm.callWithValues("serving_default", Map.of("input_7", 1)),
        "missing [input_6], unknown [input_7]", "input_6: DT_FLOAT (-1, 5, 1)");
  }

  @Test
  void wrongValueTypeForAFloatInput() {
    SavedModel multi = multi();
    SavedModel lstm = lstm();
    List<List<String>> steps = List.of(List.of("a"), List.of("b"), List.of("c"), List.of("d"),
        List.of("e"));
    assertMessage(() -> lstm.callWithValues("serving_default", Map.of("input_6", List.of(steps))),
        "Input 'input_6' of signature 'serving_default' expects DT_FLOAT values",
        "the element at [0, 0, 0] is the string \"a\"");
    assertMessage(() -> multi.callWithValues("add", Map.of("a", 1, "b", true)),
        "Input 'b' of signature 'add' expects DT_FLOAT", "the boolean true");
  }

  @Test
  void wrongShapeForAFixedShapeInput() {
    SavedModel lstm = lstm();
    assertMessage(() -> lstm.callWithValues("serving_default", Map.of("input_6", new float[2][5])),
        "Input 'input_6' of signature 'serving_default' has shape (2, 5)",
        "declares (-1, 5, 1)", "rank 2, expected rank 3");
    assertMessage(
        () -> lstm.callWithValues("serving_default", Map.of("input_6", new float[1][4][1])),
        "has shape (1, 4, 1)", "dimension 1 is 4, expected 5");
    assertMessage(
        () -> lstm.callWithValues("serving_default", Map.of("input_6", new float[1][5][2])),
        "dimension 2 is 2, expected 1");
  }

  @Test
  void typedTensorsAreCheckedToo() {
    SavedModel multi = multi();
    SavedModel lstm = lstm();
    try (TInt32 ints = TInt32.tensorOf(Shape.of(1, 5, 1))) {
      assertMessage(() -> lstm.call("serving_default", Map.of("input_6", ints)),
          "Input 'input_6' of signature 'serving_default' expects DT_FLOAT",
          "the tensor given is DT_INT32", "input_6: DT_FLOAT (-1, 5, 1)");
    }
    try (TFloat32 wrongSteps = TFloat32.tensorOf(Shape.of(1, 6, 1))) {
      assertMessage(() -> lstm.call("serving_default", Map.of("input_6", wrongSteps)),
          "has shape (1, 6, 1)", "dimension 1 is 6, expected 5");
    }
    try (TFloat32 x = TFloat32.scalarOf(1f)) {
      assertMessage(() -> multi.call("add", Map.of("a", x)), "missing [b]");
    }
  }

  @Test
  void errorsTensorFlowRaisesAtRunTimeAreWrapped() {
    SavedModel multi = multi();
    // Shapes no signature declares can still clash inside the graph: [2] + [3] cannot broadcast.
    assertMessage(
        () -> multi.callWithValues("add", Map.of("a", List.of(1, 2), "b", List.of(1, 2, 3))),
        "Signature 'add' failed in TensorFlow", "Incompatible shapes: [2] vs. [3]");
  }
}
