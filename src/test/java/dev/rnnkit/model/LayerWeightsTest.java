package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Per-layer weights with Keras's names, order and shapes: get_weights and set_weights. */
class LayerWeightsTest {

  private static final Sequential LSTM_MODEL =
      ArticleModels.build(ArticleModels.Cell.LSTM, false, 50, 7);
  private static final Sequential GRU_MODEL =
      ArticleModels.build(ArticleModels.Cell.GRU, false, 50, 7);

  @Test
  void eachLayerHasKerasNamesAndShapesInKerasOrder() {
    try (Model lstm = Model.compile(LSTM_MODEL, 1); Model gru = Model.compile(GRU_MODEL, 1)) {
      assertEquals("[embedding/embeddings[50, 64]]", lstm.layerWeights("embedding").toString());
      assertEquals("[lstm/kernel[64, 256], lstm/recurrent_kernel[64, 256], lstm/bias[256]]",
          lstm.layerWeights("lstm").toString());
      assertEquals("[gru/kernel[64, 192], gru/recurrent_kernel[64, 192], gru/bias[2, 192]]",
          gru.layerWeights("gru").toString());
      assertEquals("[dense/kernel[64, 64], dense/bias[64]]", gru.layerWeights("dense").toString());
      assertEquals("[dense_1/kernel[64, 1], dense_1/bias[1]]", gru.layerWeights("dense_1").toString());
      // The slices are the model's own values, in the model's order.
      List<Weight> all = new ArrayList<>();
      for (String layer : List.of("embedding", "lstm", "dense", "dense_1")) {
        all.addAll(lstm.layerWeights(layer));
      }
      assertEquals(lstm.weights(), all);
    }
  }

  @Test
  void setReplacesOneLayerAndLeavesTheOthers() {
    try (Model model = Model.compile(LSTM_MODEL, 1); Model other = Model.compile(LSTM_MODEL, 2)) {
      List<Weight> before = model.weights();
      List<Weight> lstm = other.layerWeights("lstm");
      // Keras's short names are accepted too.
      List<Weight> shortNamed = lstm.stream()
          .map(w -> new Weight(w.shortName(), w.shape(), w.values())).toList();
      model.setLayerWeights("lstm", shortNamed);
      assertEquals(lstm, model.layerWeights("lstm"));
      assertNotEquals(before.get(1), model.weights().get(1));
      assertEquals(before.get(0), model.weights().get(0));
      assertEquals(before.subList(4, 8), model.weights().subList(4, 8));
    }
  }

  @Test
  void inferenceModelHasTheSameLayerWeights() {
    try (Model model = Model.compile(GRU_MODEL, 1);
        InferenceModel inference = InferenceModel.of(GRU_MODEL, model.weights());
        Model other = Model.compile(GRU_MODEL, 2)) {
      assertEquals(model.layerWeights("gru"), inference.layerWeights("gru"));
      inference.setLayerWeights("dense", other.layerWeights("dense"));
      assertEquals(other.layerWeights("dense"), inference.layerWeights("dense"));
      assertArrayEquals(model.weights().get(0).values(), inference.weights().get(0).values());
    }
  }

  @Test
  void refusesWrongCountOrderShapeAndLayer() {
    try (Model model = Model.compile(GRU_MODEL, 1)) {
      List<Weight> gru = model.layerWeights("gru");
      assertRefused("Layer 'gru' has 3 weights [kernel[64, 192], recurrent_kernel[64, 192], "
          + "bias[2, 192]], was given 2", () -> model.setLayerWeights("gru", gru.subList(0, 2)));
      assertRefused("Weight 0 of layer 'gru' is 'kernel', was given 'gru/recurrent_kernel'",
          () -> model.setLayerWeights("gru", List.of(gru.get(1), gru.get(0), gru.get(2))));
      Weight flatBias = new Weight("bias", new long[] {384}, new float[384]);
      assertRefused("Weight 'gru/bias' must have shape [2, 192], was given shape [384]",
          () -> model.setLayerWeights("gru", List.of(gru.get(0), gru.get(1), flatBias)));
      assertRefused("No layer named 'lstm'; the layers are [embedding, gru, dense, dense_1]",
          () -> model.layerWeights("lstm"));
      assertEquals(gru, model.layerWeights("gru"), "a refused list changes nothing");
    }
  }

  private static void assertRefused(String start, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
