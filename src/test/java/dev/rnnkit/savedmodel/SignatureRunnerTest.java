package dev.rnnkit.savedmodel;

import static dev.rnnkit.savedmodel.ErrorMessages.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON-text facade a command line calls: {@code predict --input key=JSON ...}. */
class SignatureRunnerTest {

  @Test
  void runsTheLstmOnJsonText() {
    String answer =
        SignatureRunner.run(Fixtures.lstmModel(), "serving_default",
            Map.of("input_6", "[[[0.1],[0.2],[0.3],[0.4],[0.5]], [[1],[1],[1],[1],[1]]]"));
    JsonNode json = JsonText.parse(answer, "answer");
    assertEquals(1, json.size());
    assertTrue(json.has("dense_17"), answer);
    JsonNode rows = json.get("dense_17");
    assertEquals(2, rows.size());
    assertTrue(rows.get(0).get(0).isNumber() && rows.get(1).get(0).isNumber(), answer);
  }

  @Test
  void answersOneObjectKeyedByOutput() {
    try (SavedModel model = SavedModel.load(Fixtures.multiSignatureModel())) {
      assertEquals("{\"output_0\":5.0}",
          SignatureRunner.run(model, "add", Map.of("a", "2", "b", "3")));
      assertEquals("{\"output_0\":[[1.0,1.0,1.0],[1.0,1.0,1.0]]}",
          SignatureRunner.run(model, "get_const_matrix", Map.of("input", "1")));
      assertEquals("{\"output_0\":2.0}",
          SignatureRunner.run(model, "get_variable", Map.of("dummy", "0")));
    }
  }

  @Test
  void commandLineArgumentsSplitAtTheFirstEquals() {
    Map<String, String> inputs =
        SignatureRunner.parseInputArguments(List.of("a=[1,2]", "b=\"x=y\""));
    assertEquals(List.of("a", "b"), List.copyOf(inputs.keySet()));
    assertEquals("[1,2]", inputs.get("a"));
    assertEquals("\"x=y\"", inputs.get("b"));
    assertMessage(() -> SignatureRunner.parseInputArguments(List.of("[1,2]")), "not of the form key=JSON");
    assertMessage(() -> SignatureRunner.parseInputArguments(List.of("=1")), "not of the form key=JSON");
    assertMessage(() -> SignatureRunner.parseInputArguments(List.of("a=1", "a=2")), "given twice");
  }

  @Test
  void namesAreCheckedBeforeValuesAreParsed() {
    try (SavedModel model = SavedModel.load(Fixtures.multiSignatureModel())) {
      assertMessage(() -> SignatureRunner.run(model, "sum", Map.of("a", "not json")),
          "No signature 'sum'");
      assertMessage(() -> SignatureRunner.run(model, "add", Map.of("a", "1", "c", "{")),
          "missing [b], unknown [c]");
      assertMessage(() -> SignatureRunner.run(model, "add", Map.of("a", "1", "b", "[1,")),
          "The value given for input 'b' is not valid JSON");
    }
  }
}
