package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SyntheticTask;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.metrics.Evaluation;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.Weight;
import dev.rnnkit.optimizers.Adam;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamAndLossTest {

  private static final Sequential TINY = Sequential.of(InputSpec.features(5, 3),
      new LSTM(4, true), new Dense(1, Activation.SIGMOID));

  private static FitOptions oneFullBatch(SequenceData data) {
    return FitOptions.builder().epochs(1).batchSize(data.size()).shuffle(false).progressOut(null).build();
  }

  @Test
  void oneAdamStepFollowsTheKerasFormula() {
    SequenceData batch = SyntheticTask.features(6, 5, 3, 1);
    try (Model model = Model.compile(TINY, 3)) {
      List<Weight> before = model.weights();
      List<float[]> grads = model.gradients(batch);
      Trainer.fit(model, batch, oneFullBatch(batch));
      assertEquals(1, model.iterations());
      List<Weight> after = model.weights();
      Adam adam = Adam.keras();
      double alpha = adam.learningRate() * Math.sqrt(1 - adam.beta2()) / (1 - adam.beta1());
      for (int w = 0; w < before.size(); w++) {
        for (int i = 0; i < before.get(w).values().length; i++) {
          double g = grads.get(w)[i];
          double m = (1 - adam.beta1()) * g;
          double v = (1 - adam.beta2()) * g * g;
          double expected = before.get(w).values()[i] - alpha * m / (Math.sqrt(v) + adam.epsilon());
          assertEquals(expected, after.get(w).values()[i], 1e-6, before.get(w).name() + "[" + i + "]");
        }
      }
    }
  }

  @Test
  void epsilonIsKerasNotTensorFlowJavaDefault() {
    assertEquals(1e-7f, Adam.keras().epsilon());
    assertEquals(0.001f, Adam.keras().learningRate());
  }

  @Test
  void binaryCrossEntropyAndAccuracyMatchTheirFormulas() {
    SequenceData data = SyntheticTask.features(10, 5, 3, 2);
    try (Model model = Model.compile(TINY, 4)) {
      float[][] p = model.predict(data, 4);
      double loss = 0;
      double correct = 0;
      double correctLast = 0;
      for (int i = 0; i < data.size(); i++) {
        double y = data.label(i);
        for (float prob : p[i]) {
          loss += -(y * Math.log(prob) + (1 - y) * Math.log(1 - prob));
          correct += ((prob > 0.5) ? 1 : 0) == y ? 1 : 0;
        }
        correctLast += ((p[i][4] > 0.5) ? 1 : 0) == y ? 1 : 0;
      }
      Evaluation e = model.evaluate(data, 3);
      assertEquals(loss / (10 * 5), e.loss(), 1e-5);
      assertEquals(correct / (10 * 5), e.accuracy(), 1e-9);
      assertEquals(correctLast / 10, e.lastStepAccuracy(), 1e-9);
    }
  }

  @Test
  void lossFromLogitsStaysFiniteWhereClippingWouldSaturate() {
    // A confident wrong prediction: the logit formula gives the exact large loss, not log(1e-7).
    Sequential arch = Sequential.of(InputSpec.features(1, 1), new Dense("d", 1, Activation.SIGMOID));
    try (Model model = Model.compile(arch, 1)) {
      model.setWeights(List.of(new Weight("d/kernel", new long[] {1, 1}, new float[] {1}),
          new Weight("d/bias", new long[] {1}, new float[] {0})));
      SequenceData x = SequenceData.ofFeatures(new float[][][] {{{30f}}}, new float[] {0});
      double loss = model.evaluate(x, 1).loss();
      assertEquals(30 + Math.log1p(Math.exp(-30)), loss, 1e-4);
      assertNotEquals(-Math.log(1e-7), loss, 1e-3);
    }
  }

  @Test
  void meanSquaredErrorForRegressionOutputs() {
    Sequential arch = Sequential.of(InputSpec.features(2, 1), new LSTM(3, false), new Dense(1, Activation.LINEAR));
    float[][][] x = {{{0.5f}, {1f}}, {{-1f}, {0.2f}}};
    SequenceData data = SequenceData.ofFeatures(x, new float[] {0.3f, -0.7f});
    try (Model model = Model.compile(arch, Adam.keras(), Loss.meanSquaredError(), 5)) {
      float[] p = model.predictLast(data, 2);
      double mse = (Math.pow(p[0] - 0.3, 2) + Math.pow(p[1] + 0.7, 2)) / 2;
      assertEquals(mse, model.evaluate(data, 2).loss(), 1e-6);
    }
  }

  @Test
  void meanAbsoluteErrorByNameForRegressionOutputs() {
    Sequential arch = Sequential.of(InputSpec.features(2, 1), new LSTM(3, false), new Dense(1, Activation.LINEAR));
    float[][][] x = {{{0.5f}, {1f}}, {{-1f}, {0.2f}}};
    SequenceData data = SequenceData.ofFeatures(x, new float[] {0.3f, -0.7f});
    try (Model model = Model.compile(arch, Adam.keras(), Loss.fromKerasName("mae"), 5)) {
      float[] p = model.predictLast(data, 2);
      double mae = (Math.abs(p[0] - 0.3) + Math.abs(p[1] + 0.7)) / 2;
      assertEquals(mae, model.evaluate(data, 2).loss(), 1e-6);
      assertEquals("mean_absolute_error", model.loss().kerasName());
      double before = model.evaluate(data, 2).loss();
      for (int i = 0; i < 30; i++) {
        model.trainStep(data, data.naturalOrder(), 0, 2);
      }
      assertTrue(model.evaluate(data, 2).loss() < before);
    }
  }
}
