package dev.rnnkit.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Inspection of the Python fixtures from saved_model.pb alone, in saved_model_cli's layout. */
class SavedModelInspectorTest {

  /**
   * What {@code saved_model_cli show --dir lstm_model --all} prints before its "Defined
   * Functions" part, laid out from saved_model_cli.py's _show_all / _show_inputs_outputs /
   * _print_tensor_info. The empty method name of the init marker leaves a trailing space.
   */
  private static final String LSTM_MODEL_TEXT =
      """

      MetaGraphDef with tag-set: 'serve' contains the following SignatureDefs:

      signature_def['__saved_model_init_op']:
        The given SavedModel SignatureDef contains the following input(s):
        The given SavedModel SignatureDef contains the following output(s):
          outputs['__saved_model_init_op'] tensor_info:
              dtype: DT_INVALID
              shape: unknown_rank
              name: NoOp
        Method name is:\s

      signature_def['serving_default']:
        The given SavedModel SignatureDef contains the following input(s):
          inputs['input_6'] tensor_info:
              dtype: DT_FLOAT
              shape: (-1, 5, 1)
              name: serving_default_input_6:0
        The given SavedModel SignatureDef contains the following output(s):
          outputs['dense_17'] tensor_info:
              dtype: DT_FLOAT
              shape: (-1, 1)
              name: StatefulPartitionedCall:0
        Method name is: tensorflow/serving/predict
      """;

  @Test
  void lstmModelPrintsLikeSavedModelCli() {
    String text = SavedModelInspector.describe(Fixtures.lstmModel());
    assertEquals(LSTM_MODEL_TEXT, text);
    for (String line :
        List.of(
            "inputs['input_6'] tensor_info:",
            "dtype: DT_FLOAT",
            "shape: (-1, 5, 1)",
            "name: serving_default_input_6:0",
            "Method name is: tensorflow/serving/predict")) {
      assertTrue(text.contains(line), line);
    }
  }

  @Test
  void gruModelDeclaresItsOwnInputAndOutput() {
    String text = SavedModelInspector.describe(Fixtures.gruModel());
    assertTrue(text.contains("    inputs['input_10'] tensor_info:\n"
        + "        dtype: DT_FLOAT\n"
        + "        shape: (-1, 5, 1)\n"
        + "        name: serving_default_input_10:0\n"), text);
    assertTrue(text.contains("    outputs['dense_29'] tensor_info:\n"
        + "        dtype: DT_FLOAT\n"
        + "        shape: (-1, 1)\n"), text);
  }

  @Test
  void multiSignatureModelListsEverySignatureSorted() {
    String text = SavedModelInspector.describe(Fixtures.multiSignatureModel());
    List<String> order =
        List.of("__saved_model_init_op", "add", "get_const_matrix", "get_const_scalar",
            "get_const_vector", "get_variable");
    int last = -1;
    for (String key : order) {
      int at = text.indexOf("\nsignature_def['" + key + "']:\n");
      assertTrue(at > last, key + " missing or out of order in:\n" + text);
      last = at;
    }
    assertTrue(text.contains("    inputs['a'] tensor_info:\n"
        + "        dtype: DT_FLOAT\n"
        + "        shape: unknown_rank\n"
        + "        name: add_a:0\n"), text);
    // get_variable returns a scalar: an empty dimension list, printed as "()".
    assertTrue(text.contains("    outputs['output_0'] tensor_info:\n"
        + "        dtype: DT_FLOAT\n"
        + "        shape: ()\n"
        + "        name: StatefulPartitionedCall:0\n"), text);
  }

  @Test
  void contentsListTheMetaGraphsAndSignatures() {
    SavedModelContents contents = SavedModelContents.read(Fixtures.multiSignatureModel());
    assertEquals(1, contents.metaGraphs().size());
    MetaGraphSpec serve = contents.metaGraph("serve");
    assertEquals(List.of("serve"), serve.tags());
    assertEquals(
        List.of("add", "get_const_matrix", "get_const_scalar", "get_const_vector", "get_variable"),
        List.copyOf(serve.callableSignatures().keySet()));
    SignatureSpec add = serve.signatures().get("add");
    assertEquals("tensorflow/serving/predict", add.methodName());
    assertEquals(List.of("a", "b"), List.copyOf(add.inputs().keySet()));
    assertEquals("a: DT_FLOAT unknown_rank", add.inputs().get("a").summary());
    assertEquals("output_0", add.outputs().firstKey());
  }

  @Test
  void oneSignatureAloneUsesTheTopLevelIndent() {
    SignatureSpec serving =
        SavedModelContents.read(Fixtures.lstmModel()).metaGraph("serve")
            .signatures().get("serving_default");
    String text = SavedModelInspector.describe(serving);
    assertTrue(text.startsWith(
        "The given SavedModel SignatureDef contains the following input(s):\n"
            + "  inputs['input_6'] tensor_info:\n"
            + "      dtype: DT_FLOAT\n"), text);
    assertTrue(text.endsWith("Method name is: tensorflow/serving/predict\n"), text);
  }
}
